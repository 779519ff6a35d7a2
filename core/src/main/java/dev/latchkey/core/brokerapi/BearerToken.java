package dev.latchkey.core.brokerapi;

/**
 * Supplies the access token for broker calls; the signed-in session implements it
 * (and refreshes as needed). The token is used in a header and nowhere else.
 */
@FunctionalInterface
public interface BearerToken {

    /** The current access token. */
    String get() throws NotSignedInException;
}
