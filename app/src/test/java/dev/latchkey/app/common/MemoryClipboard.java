package dev.latchkey.app.common;

import java.util.Optional;

/** A clipboard in a field: for view-model tests without a display. */
public final class MemoryClipboard implements ClipboardAccess {

    private String text;

    @Override
    public void put(String value) {
        text = value;
    }

    @Override
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    @Override
    public void clear() {
        text = null;
    }
}
