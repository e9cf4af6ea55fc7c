package io.mktsync.request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample requests shipped with the sender (Marketo's three documentation examples). */
public final class Examples {

    private Examples() {
    }

    public static String read(String name) {
        try {
            return Files.readString(Path.of("..", "sender", "examples", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
