package dev.latchkey.app.common;

import java.util.Optional;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The system clipboard as plain text; a seam so view-model tests need no display. UI thread only. */
public interface ClipboardAccess {

    /** Puts {@code text} on the clipboard. */
    void put(String text);

    /** The clipboard's text now, if it holds text. */
    Optional<String> text();

    /** Empties the clipboard. */
    void clear();

    /** The JavaFX system clipboard. */
    static ClipboardAccess system() {
        return new ClipboardAccess() {
            @Override
            public void put(String text) {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
            }

            @Override
            public Optional<String> text() {
                Clipboard c = Clipboard.getSystemClipboard();
                return c.hasString() ? Optional.ofNullable(c.getString()) : Optional.empty();
            }

            @Override
            public void clear() {
                Clipboard.getSystemClipboard().clear();
            }
        };
    }
}
