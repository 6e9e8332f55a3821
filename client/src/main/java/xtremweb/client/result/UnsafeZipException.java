package xtremweb.client.result;

/** A result zip was refused because one of its entries could land outside the target directory. */
public final class UnsafeZipException extends RuntimeException {
    UnsafeZipException(String message) {
        super(message);
    }
}
