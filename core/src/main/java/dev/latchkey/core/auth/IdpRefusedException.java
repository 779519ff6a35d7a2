package dev.latchkey.core.auth;

/**
 * The IdP answered a sign-in or renewal with an OAuth error Latchkey cannot resolve by itself.
 * The message is {@link #refusal()} (the IdP's code and description, whole) and then
 * {@link #hint()} (what a person can do about it), so whoever shows only the message shows both.
 */
public final class IdpRefusedException extends AuthException {

    private static final long serialVersionUID = 1L;

    private final String refusal;
    private final String hint;

    /**
     * @param refusal what refused what, ending with the IdP's error code and description (made
     *     safe to show: no control characters, no credential the request carried)
     * @param hint what to do about it
     */
    public IdpRefusedException(String refusal, String hint) {
        super(refusal + "; " + hint, null);
        this.refusal = refusal;
        this.hint = hint;
    }

    /** The refusal alone, without the hint. */
    public String refusal() {
        return refusal;
    }

    /** What to do about it, such as asking the IdP's administrator for a setting. */
    public String hint() {
        return hint;
    }
}
