package dev.latchkey.core.brokerapi;

/** Text that was meant as a {@link SecretRef} but is not one; the message says what is wrong. */
public final class InvalidSecretRefException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSecretRefException(String whatIsWrong) {
        super(whatIsWrong);
    }
}
