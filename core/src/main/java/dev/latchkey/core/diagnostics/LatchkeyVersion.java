package dev.latchkey.core.diagnostics;

/**
 * The version of Latchkey this library belongs to, as the build stamped it into the jar's
 * manifest. Shown by {@code latchkey --version}, the app's About box, and sent to brokers
 * in the {@code User-Agent} header so operators can see which clients talk to them.
 */
public final class LatchkeyVersion {

    private static final String UNKNOWN = "development";

    private LatchkeyVersion() {
    }

    /** The version, or {@code "development"} when running from classes outside a jar. */
    public static String current() {
        String stamped = LatchkeyVersion.class.getPackage().getImplementationVersion();
        return stamped == null || stamped.isBlank() ? UNKNOWN : stamped;
    }

    /** The {@code User-Agent} every Latchkey HTTP client sends. */
    public static String userAgent() {
        return "latchkey/" + current() + " (" + System.getProperty("os.name") + "; java "
                + Runtime.version().feature() + ")";
    }
}
