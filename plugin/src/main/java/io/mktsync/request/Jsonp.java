package io.mktsync.request;

import jakarta.json.spi.JsonProvider;

/**
 * JSON-P's provider, looked up once. {@code jakarta.json.Json}'s static methods look it up through
 * the ServiceLoader on every call, scanning the deployment's jars: at a few thousand requests a
 * second that took a third of the server's CPU.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}
