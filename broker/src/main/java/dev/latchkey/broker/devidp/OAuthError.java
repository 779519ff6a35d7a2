package dev.latchkey.broker.devidp;

/**
 * An error answer in the shape of RFC 6749 §5.2: {@code {"error": code, "error_description": text}}.
 *
 * <p>Thrown while reading a request so each check is one line; the endpoint turns it into the
 * response. Descriptions are written for a person and never contain a token or code value.
 *
 * @see OAuthEndpoints
 */
final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String wwwAuthenticate;

    private OAuthError(int status, String code, String description, String wwwAuthenticate) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
        this.wwwAuthenticate = wwwAuthenticate;
    }

    static OAuthError badRequest(String code, String description) {
        return new OAuthError(400, code, description, null);
    }

    static OAuthError invalidRequest(String description) {
        return badRequest("invalid_request", description);
    }

    static OAuthError invalidGrant(String description) {
        return badRequest("invalid_grant", description);
    }

    /**
     * RFC 6749 §5.2: a client that authenticated through the Authorization header gets 401 and a
     * challenge for the scheme it used; one that only named itself in the body gets 400.
     */
    static OAuthError invalidClient(String description, boolean usedAuthorizationHeader) {
        return usedAuthorizationHeader
                ? new OAuthError(401, "invalid_client", description, "Basic realm=\"" + OAuthEndpoints.REALM + "\"")
                : new OAuthError(400, "invalid_client", description, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String description() {
        return getMessage();
    }

    /** The WWW-Authenticate challenge to send, or null for none. */
    String wwwAuthenticate() {
        return wwwAuthenticate;
    }
}
