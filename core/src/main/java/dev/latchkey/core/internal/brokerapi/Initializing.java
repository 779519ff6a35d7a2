package dev.latchkey.core.internal.brokerapi;

/** Runs a class's static initializer, where it registers its non-public constructor. */
public final class Initializing {

    private Initializing() {
    }

    /** Initializes {@code type} now (a no-op when it already is). */
    public static void initialize(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("core's own class is missing: " + type.getName(), e);
        }
    }
}
