package dev.latchkey.app.launcher;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A launched app's console text: the child's masked output with Latchkey's own lines marked
 * {@code »}, the oldest dropped beyond {@link #LIMIT}. UI thread only.
 */
final class ConsoleText {

    /** The most console text kept; older text is dropped from the top. */
    static final int LIMIT = 200_000;

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");

    /** A line of Latchkey's own, on a line of its own. */
    void note(String line) {
        append((text.get().isEmpty() || text.get().endsWith("\n") ? "" : "\n") + "» " + line + "\n");
    }

    /** Output of the child, as it came. */
    void append(String more) {
        String all = text.get() + more;
        text.set(all.length() > LIMIT ? all.substring(all.length() - LIMIT) : all);
    }

    ReadOnlyStringProperty property() {
        return text.getReadOnlyProperty();
    }
}
