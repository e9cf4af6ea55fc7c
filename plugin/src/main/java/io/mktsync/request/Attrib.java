package io.mktsync.request;

/** A name/value pair: Marketo's {@code Attrib}, also used for external keys. */
public record Attrib(String name, String value) {
}
