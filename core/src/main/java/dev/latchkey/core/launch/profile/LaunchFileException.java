package dev.latchkey.core.launch.profile;

import java.nio.file.Path;

/**
 * An env template or {@code latchkey.toml} that cannot be used, naming file, line and what is wrong.
 * Files hold references and names only, so the message can quote them.
 */
public final class LaunchFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public LaunchFileException(Path file, int line, String whatIsWrong) {
        super(file + (line > 0 ? ":" + line : "") + ": " + whatIsWrong);
        this.file = file;
        this.line = line;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the fault is the file as a whole. */
    public int line() {
        return line;
    }
}
