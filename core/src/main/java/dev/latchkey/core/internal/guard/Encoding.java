package dev.latchkey.core.internal.guard;

/** How a value was written where it was found; stored as one byte beside each fingerprint. */
public enum Encoding {
    PLAIN("as is"),
    BASE64("base64"),
    BASE64_URL("base64url"),
    BASE64_INSIDE("inside a base64 text"),
    URL("URL-encoded"),
    HEX("hex"),
    JSON("JSON-escaped");

    private final String words;

    Encoding(String words) {
        this.words = words;
    }

    /** For a finding: "base64", "as is". */
    String words() {
        return words;
    }

    static Encoding of(int code) {
        Encoding[] all = values();
        return code >= 0 && code < all.length ? all[code] : PLAIN;
    }
}
