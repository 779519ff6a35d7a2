package dev.latchkey.app.launcher;

import dev.latchkey.core.launch.profile.LaunchProfile;
import java.util.Objects;

/**
 * A profile in the launcher's list.
 *
 * @param profile what to launch
 * @param origin where it is kept
 */
public record ProfileEntry(LaunchProfile profile, ProfileOrigin origin) {

    public ProfileEntry {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(origin, "origin");
    }

    /** True for the app's own profiles, which the app may change. */
    public boolean editable() {
        return origin instanceof ProfileOrigin.Saved;
    }

    /** The list's line: name, and the project file's folder for project profiles. */
    public String label() {
        return switch (origin) {
            case ProfileOrigin.Saved s -> profile.name();
            case ProfileOrigin.Project p -> profile.name() + "  (" + p.file().getParent().getFileName() + "/latchkey.toml)";
        };
    }
}
