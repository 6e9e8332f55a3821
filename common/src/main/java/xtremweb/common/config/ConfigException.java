package xtremweb.common.config;

/** A configuration key is missing or has a bad value; the message names the key and the file. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
