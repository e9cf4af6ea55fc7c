package io.mktsync.attempts;

/**
 * The attempt log cannot be read or written: the database's trouble, not a request's. A delivery
 * batch meeting it is rolled back whole and taken again, rather than failing the request at hand.
 */
public class AttemptLogException extends RuntimeException {

    AttemptLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
