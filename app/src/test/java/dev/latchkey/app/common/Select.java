package dev.latchkey.app.common;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TreeCell;
import org.testfx.api.FxRobot;

/**
 * Clicks a secret's row or a scope until it is selected. The tree and the table reuse their
 * cells as grants arrive and warnings redraw them, so a click aimed at a cell found a moment
 * earlier can land on a cell that shows another row by then (seen on a loaded machine).
 */
public final class Select {

    private Select() {
    }

    /** Clicks the table row whose cell reads {@code name} until the table has it selected. */
    public static void secret(FxRobot robot, String name, Duration wait) {
        await().atMost(wait).until(() -> {
            Optional<TableCell<?, ?>> cell = UiThread.lookup(robot, ".table-cell")
                    .match(n -> n instanceof TableCell<?, ?> c && name.equals(c.getText())).tryQuery()
                    .map(n -> (TableCell<?, ?>) n);
            if (cell.isEmpty()) {
                return false;
            }
            if (cell.get().getTableRow() != null && cell.get().getTableRow().isSelected()) {
                return true;
            }
            clickIfShown(robot, cell.get());
            return false;
        });
    }

    /** Clicks the tree cell {@code query} finds until the tree has it selected. */
    public static void scope(FxRobot robot, String query, Duration wait) {
        await().atMost(wait).until(() -> {
            Optional<Node> cell = UiThread.lookup(robot, query).tryQuery();
            if (cell.isEmpty()) {
                return false;
            }
            if (cell.get() instanceof TreeCell<?> c && c.isSelected()) {
                return true;
            }
            clickIfShown(robot, cell.get());
            return false;
        });
    }

    /**
     * A table or tree re-renders its cells while rows arrive, so a cell found a moment ago may have
     * left the scene by the time the robot moves to it; the next poll finds the one that shows it.
     */
    private static void clickIfShown(FxRobot robot, Node cell) {
        if (!UiThread.get(() -> UiThread.shown(cell))) {
            return;
        }
        try {
            UiThread.click(robot, cell);
        } catch (RuntimeException leftTheScene) {
            if (UiThread.get(() -> UiThread.shown(cell))) {
                throw leftTheScene;
            }
        }
    }
}
