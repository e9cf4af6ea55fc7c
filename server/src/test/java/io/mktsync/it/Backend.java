package io.mktsync.it;

import jakarta.json.JsonObject;
import java.util.Locale;

/**
 * The Marketo API the server under test is configured for ({@code it.backend}, one failsafe execution
 * per backend): the same tests run against both, and say here where the two APIs differ.
 */
public enum Backend {
    SOAP(100),
    REST(300);

    private final int maxObjectsPerCall;

    Backend(int maxObjectsPerCall) {
        this.maxObjectsPerCall = maxObjectsPerCall;
    }

    public static Backend current() {
        return valueOf(System.getProperty("it.backend", "soap").toUpperCase(Locale.ROOT));
    }

    public static boolean rest() {
        return current() == REST;
    }

    /** Its value of {@code mktsync.marketo.backend}: {@code soap} or {@code rest}. */
    public String property() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The objects of one Marketo call: 100 in syncMObjects, 300 in Sync Opportunities. */
    public int maxObjectsPerCall() {
        return maxObjectsPerCall;
    }

    /** How Marketo identifies an object in a status: its integer id (SOAP) or its marketoGUID (REST). */
    public static String identity(JsonObject status) {
        return rest() ? status.getString("marketoGUID") : String.valueOf(status.getInt("id"));
    }
}
