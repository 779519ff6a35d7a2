package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.internal.keychain.GLib.GError;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.internal.keychain.GLib.Failure;

/** What libsecret's errors mean to Latchkey, and the plain words it says about them. */
final class SecretServiceErrors {

    private static final String DBUS = "g-dbus-error-quark";
    private static final String GIO = "g-io-error-quark";
    private static final String SECRET = "secret-error-quark";
    private static final int SERVICE_UNKNOWN = 2;
    private static final int NAME_HAS_NO_OWNER = 3;
    private static final int UNKNOWN_METHOD = 19;
    private static final int UNKNOWN_OBJECT = 41;
    private static final int SECRET_NO_SUCH_OBJECT = 3;

    private SecretServiceErrors() {
    }

    /** The item is not there any more. */
    static boolean gone(GError e) {
        return e.is(SECRET, SECRET_NO_SUCH_OBJECT) || e.is(DBUS, UNKNOWN_OBJECT)
                || e.message().contains("org.freedesktop.Secret.Error.NoSuchObject");
    }

    /** The connection outlived the service behind it (it quit or restarted). */
    static boolean stale(GError e) {
        return e.is(DBUS, SERVICE_UNKNOWN) || e.is(DBUS, NAME_HAS_NO_OWNER) || e.is(DBUS, UNKNOWN_OBJECT)
                || e.is(DBUS, UNKNOWN_METHOD) || e.message().contains("org.freedesktop.Secret.Error.NoSession");
    }

    static KeychainException unavailableOrFailed(Failure f, String what, boolean wasOpen) {
        GError e = f.error();
        if (noBus(e) && !wasOpen) {
            String reason = "there is no desktop session bus to reach a keychain through";
            return new KeychainUnavailableException(reason, reason + " (" + e.message() + ")", f);
        }
        if (stale(e) || e.domain().equals(DBUS) && e.message().contains("org.freedesktop.DBus.Error.Spawn")) {
            String reason = wasOpen ? "the keychain stopped answering (nothing answers as a Secret Service any more)"
                    : "no keychain is running (nothing answers as a Secret Service on this desktop)";
            return new KeychainUnavailableException(reason, reason + " when Latchkey tried to " + what
                    + "; start your keychain and try again", f);
        }
        String reason = "the keychain failed: " + plain(e.message());
        return new KeychainException(reason, reason + " (Latchkey asked it to " + what + ")", f);
    }

    static KeychainDeclinedException declined(String reason, String what) {
        return new KeychainDeclinedException(reason, reason + " (Latchkey asked it to " + what + ")", null);
    }

    // "GDBus.Error:org.freedesktop.Secret.Error.IsLocked: Cannot create an item in a locked collection"
    private static String plain(String message) {
        String m = message.startsWith("GDBus.Error:") ? message.substring(message.indexOf(' ') + 1) : message;
        m = m.strip();
        while (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    /** There is no session bus to reach anything through (not even an error from a service). */
    static boolean noBus(GError e) {
        return e.domain().equals(GIO);
    }
}
