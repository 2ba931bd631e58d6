package org.mailtrace.store;

/** The store could not do what was asked (I/O failure, full disk, corrupt index). Runtime: callers rarely recover. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
