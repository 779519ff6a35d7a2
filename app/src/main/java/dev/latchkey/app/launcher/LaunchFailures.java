package dev.latchkey.app.launcher;

import dev.latchkey.app.common.Failures;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.launch.process.ChildStartException;
import dev.latchkey.core.launch.profile.LaunchFileException;
import dev.latchkey.core.launch.profile.LaunchProfile;

/** Why a launch did not start, and what to do, as its console and detail pane say it. */
final class LaunchFailures {

    private LaunchFailures() {
    }

    static String describe(LaunchProfile profile, Exception failure) {
        return switch (failure) {
            case ChildStartException e -> "Could not start the program: " + e.getMessage()
                    + ". Check the command and the working folder in the profile.";
            case LaunchFileException e -> "The profile cannot be used: " + e.getMessage();
            case BrokerUnreachableException e when !profile.sandboxes().isEmpty() -> OfflineLaunchText.notStarted(profile, e);
            default -> Failures.describe(failure);
        };
    }
}
