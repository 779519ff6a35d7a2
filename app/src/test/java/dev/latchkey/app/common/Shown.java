package dev.latchkey.app.common;

import java.util.function.Predicate;
import javafx.scene.Node;
import org.testfx.api.FxRobot;

/**
 * Conditions on a node for a test's waits. TestFX's {@code query()} throws when no node matches, and
 * a wait ends at the first exception its condition throws; a window builds a page after a click and
 * rebuilds parts of it as answers arrive, so a node may be missing for a moment (not shown yet, or
 * being replaced). Here a missing node is "not yet", and the wait goes on until its limit.
 */
public final class Shown {

    private Shown() {
    }

    /** Whether a node {@code query} finds is there now, of {@code type}, and passes {@code test}. */
    public static <T extends Node> boolean now(FxRobot robot, String query, Class<T> type, Predicate<? super T> test) {
        return UiThread.lookup(robot, query).tryQueryAs(type).filter(test).isPresent();
    }
}
