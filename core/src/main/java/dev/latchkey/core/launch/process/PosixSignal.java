package dev.latchkey.core.launch.process;

/** The signals a launch sends or forwards, with their POSIX numbers (for the 128+n exit code). */
public enum PosixSignal {
    HUP(1), INT(2), KILL(9), TERM(15);

    private final int number;

    PosixSignal(int number) {
        this.number = number;
    }

    /** The signal's number on Linux and macOS. */
    public int number() {
        return number;
    }
}
