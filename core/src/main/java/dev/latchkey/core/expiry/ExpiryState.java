package dev.latchkey.core.expiry;

/** How worried to be, worst last so that {@code max} finds the worst: the tray icon shows this. */
enum ExpiryState {
    /** Nothing ends within the first threshold. */
    OK,
    /** Something ends within the first threshold (15 minutes by default). */
    WARNING,
    /** Something has ended. */
    EXPIRED
}
