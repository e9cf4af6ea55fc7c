package io.mktsync.store;

/** The store's database failed: no request's fault, every request's problem (the work is rolled back and tried again). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
