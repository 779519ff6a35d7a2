package dev.latchkey.app.launcher;

import dev.latchkey.app.common.Failures;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.launch.OfflineStart;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The launcher's words for a launch made while the broker cannot be reached: started with sandbox
 * tokens cached in the keychain (core keeps them), or not started, with what to do. Names and
 * times only, never a token.
 */
final class OfflineLaunchText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private OfflineLaunchText() {
    }

    /** "Started offline with cached sandbox tokens, valid until 14:06." */
    static String started(OfflineStart start, ZoneId zone) {
        return "Started offline with cached sandbox tokens, valid until " + TIME.format(start.validUntil().atZone(zone))
                + ". Restart once the broker is back for fresh ones.";
    }

    /** The console's line: why offline, and each token's age and what is left of it. */
    static String details(OfflineStart start) {
        return "Offline: " + start.brokerProblem() + ". Using sandbox tokens cached in your keychain: "
                + start.inWords() + ".";
    }

    /** A launch with sandbox tokens that could not start while the broker is unreachable. */
    static String notStarted(LaunchProfile profile, BrokerUnreachableException e) {
        // Its own variables only: env files are read by the launch, and the broker's answer said what they need.
        boolean onlyTokens = profile.envFiles().isEmpty() && LaunchProfile.refsOf(profile.env()).isEmpty();
        return "Could not start offline. " + Failures.describe(e) + (onlyTokens
                ? " Launch it again once Latchkey can reach the broker: a launch while it is reachable caches its"
                        + " sandbox tokens in your keychain, so later launches can start offline until they expire."
                : " Launch it again once Latchkey can reach the broker.");
    }
}
