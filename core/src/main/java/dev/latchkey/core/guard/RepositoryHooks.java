package dev.latchkey.core.guard;

import dev.latchkey.core.internal.guard.Git;
import dev.latchkey.core.internal.guard.GuardFiles;
import dev.latchkey.core.internal.guard.Hooks;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;

/**
 * The guard's git hooks in the user's repositories: installing and removing them, and the list
 * of repositories they were installed in, kept in the guard's folder. Scanning is elsewhere.
 */
final class RepositoryHooks {

    private final GuardFiles files;
    private final String git;

    RepositoryHooks(GuardFiles files, String git) {
        this.files = files;
        this.git = git;
    }

    /**
     * Installs the hooks in the repository at {@code folder}.
     *
     * @param command how the hooks start the CLI: a path, or {@code latchkey} to find it on PATH
     */
    GuardedRepository install(Path folder, String command) throws GuardException {
        Hooks.Where w = Hooks.where(new Git(folder, git));
        try {
            GuardedRepository r = Hooks.install(w, command);
            files.remember(w.top(), true);
            return r;
        } catch (IOException e) {
            throw new GuardException("cannot write the hooks in " + w.hooks() + ": " + why(e),
                    "check that the folder is yours and writable (and core.hooksPath, if the repository sets it)");
        }
    }

    /** The reason of a failed write in words (the bare exception message is often only a path). */
    private static String why(IOException e) {
        return switch (e) {
            case AccessDeniedException x -> "the folder is not writable";
            case FileAlreadyExistsException x -> x.getFile() + " is a file, not a folder";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage();
        };
    }

    /** Removes the hooks from the repository at {@code folder}, putting back any hook they chained. */
    GuardedRepository uninstall(Path folder) throws GuardException {
        Hooks.Where w = Hooks.where(new Git(folder, git));
        try {
            GuardedRepository r = Hooks.uninstall(w);
            files.remember(w.top(), false);
            return r;
        } catch (IOException e) {
            throw new GuardException("cannot change the hooks in " + w.hooks() + ": " + why(e),
                    "check that the folder is yours and writable");
        }
    }

    /** The repositories the guard was installed in, each as it is now. */
    List<GuardedRepository> repositories() {
        return files.readRepositories().stream().map(top -> {
            try {
                return Hooks.state(Hooks.where(new Git(top, git)));
            } catch (GuardException e) {
                return new GuardedRepository(top, top, false, List.of());
            }
        }).toList();
    }
}
