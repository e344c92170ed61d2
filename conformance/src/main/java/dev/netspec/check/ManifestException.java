package dev.netspec.check;

/** A manifest that cannot be read or has a malformed row; the message reads {@code file:line: message}. */
public final class ManifestException extends Exception {
    public ManifestException(String message) {
        super(message);
    }
}
