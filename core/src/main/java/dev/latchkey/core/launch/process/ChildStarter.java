package dev.latchkey.core.launch.process;

/**
 * How a launch starts its child: with pipes, with everything inherited, or in a pseudo-terminal.
 *
 * <p>Whichever it is, the environment goes to the child through the operating system's exec call;
 * argv holds only the command the user typed. The program is looked up on the child's own
 * {@code PATH} (a pristine launch may have a shorter one than Latchkey's).
 */
public sealed interface ChildStarter {

    /**
     * Pipes for stdout and stderr, so they can be masked.
     *
     * @param inputInherited the child reads Latchkey's own stdin; else a pipe the launch feeds
     */
    record Pipes(boolean inputInherited) implements ChildStarter {
    }

    /** The child's stdin, stdout and stderr are all inherited: nothing is masked. */
    record Inherited() implements ChildStarter {
    }

    /** A pseudo-terminal of {@code columns} by {@code rows}: the child sees a TTY; its output can still be masked. */
    record Pty(int columns, int rows) implements ChildStarter {
    }

    /** Pipes for stdout and stderr (so they can be masked); stdin is inherited. */
    static ChildStarter pipes() {
        return new Pipes(true);
    }

    /** Pipes for stdout and stderr, and a pipe for stdin too (tests, the app). */
    static ChildStarter pipesWithInput() {
        return new Pipes(false);
    }

    /** The child's stdin, stdout and stderr are all inherited: nothing is masked. */
    static ChildStarter inherited() {
        return new Inherited();
    }

    /** A pseudo-terminal of the given size: the child sees a TTY; its output can still be masked. */
    static ChildStarter pty(int columns, int rows) {
        return new Pty(columns, rows);
    }
}
