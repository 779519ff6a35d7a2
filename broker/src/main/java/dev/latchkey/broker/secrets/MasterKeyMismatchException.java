package dev.latchkey.broker.secrets;

/** The master key given at start is not the one this database's secrets were sealed with. */
public final class MasterKeyMismatchException extends RuntimeException {

    public MasterKeyMismatchException(String message) {
        super(message);
    }
}
