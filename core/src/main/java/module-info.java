/**
 * Latchkey core: sign-in, the keychain, the broker client, launches, the local agent and the leak
 * guard, for the desktop app and the command line.
 *
 * <p>Start at {@link dev.latchkey.core.Latchkey} and {@link dev.latchkey.core.Session}. Only the
 * packages exported here are the API; everything under {@code dev.latchkey.core.internal} is
 * machinery that may change in any release. The app and the CLI run core from the class path, so
 * this descriptor is checked when core compiles (with {@code -Xlint:exports}: an exported
 * signature that names an internal type fails the build) and by the architecture tests of the app
 * and the CLI; {@code core/api/latchkey-core.api} lists the exported signatures for review.
 *
 * <p>java-keyring and pty4j have no stable module name (java-keyring's derived name starts with
 * {@code java.}, which is reserved), so they stay on the class path; the build lets this module
 * read the class path ({@code --add-reads dev.latchkey.core=ALL-UNNAMED}) for their classes.
 */
module dev.latchkey.core {
    requires transitive dev.latchkey.grammar;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires okhttp3;
    requires jdk.net;

    exports dev.latchkey.core;
    exports dev.latchkey.core.agent;
    exports dev.latchkey.core.approval;
    exports dev.latchkey.core.auth;
    exports dev.latchkey.core.brokerapi;
    exports dev.latchkey.core.config;
    exports dev.latchkey.core.diagnostics;
    exports dev.latchkey.core.events;
    exports dev.latchkey.core.expiry;
    exports dev.latchkey.core.guard;
    exports dev.latchkey.core.keychain;
    exports dev.latchkey.core.launch;
    exports dev.latchkey.core.launch.process;
    exports dev.latchkey.core.launch.profile;

    // Jackson builds the package-private wire records of these packages by reflection.
    opens dev.latchkey.core.agent to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.brokerapi to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.guard to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.launch to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.launch.profile to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.internal.auth to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.internal.events to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.internal.guard to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.internal.http to com.fasterxml.jackson.databind;
    opens dev.latchkey.core.internal.session to com.fasterxml.jackson.databind;
}
