package dev.latchkey.app.common;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Looks nodes up, measures them and clicks them with the looking and measuring done on the UI thread.
 *
 * <p>TestFX looks nodes up and measures them on the test's thread. JavaFX computes a node's bounds
 * lazily and caches them, so a measure taken while the UI thread lays out the same nodes (a page
 * still loading, the three-dot progress) can corrupt the cache: seen in CI as a
 * {@code PrismTextLayout.buildRuns} NPE on the test's thread and an {@code IndexOutOfBoundsException}
 * in {@code Parent.updateCachedBounds} on the UI thread. Every window test therefore looks up with
 * {@link #lookup} and clicks with {@link #click}: the query runs whole on the UI thread (TestFX's
 * {@code lookup} collects its nodes at once, so {@code match}, {@code query} and {@code tryQuery} on
 * the answer only pick among them), and a click aims at a point measured there.
 */
public final class UiThread {

    /** How long a click waits for its node to show, and any call for the UI thread to answer. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private UiThread() {
    }

    /** {@code work}'s answer, computed on the UI thread (at once when called there). */
    public static <T> T get(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
        try {
            return task.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the UI thread did not answer within " + WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the UI thread", e);
        }
    }

    /** Runs {@code work} on the UI thread and waits for it (a failure in it is thrown here). */
    public static void run(Runnable work) {
        get(() -> {
            work.run();
            return null;
        });
    }

    /** The nodes {@code query} finds in the test's windows, collected on the UI thread. */
    public static NodeQuery lookup(FxRobot robot, String query) {
        return get(() -> robot.lookup(query));
    }

    /** The nodes in the test's windows that pass {@code test}, collected on the UI thread. */
    public static <T extends Node> NodeQuery lookup(FxRobot robot, Predicate<T> test) {
        return get(() -> robot.lookup(test));
    }

    /** The nodes under {@code root} (itself included) that {@code query} finds, collected on the UI thread. */
    public static NodeQuery lookup(FxRobot robot, Node root, String query) {
        return get(() -> robot.from(root).lookup(query));
    }

    /** The nodes under {@code root} (itself included) that pass {@code test}, collected on the UI thread. */
    public static <T extends Node> NodeQuery lookup(FxRobot robot, Node root, Predicate<T> test) {
        return get(() -> robot.from(root).lookup(test));
    }

    /**
     * Clicks the middle of the first shown node {@code query} finds, once one shows (within 30 s):
     * the UI thread finishes what it has queued, finds the node and measures it, then the robot moves
     * there and clicks. Returns {@code robot}, to go on typing into what was clicked.
     */
    public static FxRobot click(FxRobot robot, String query) {
        WaitForAsyncUtils.waitForFxEvents();
        Point2D at = await().atMost(WAIT).until(() -> get(() -> {
            Optional<Node> shown = robot.lookup(query).match(UiThread::shown).tryQuery();
            return shown.map(UiThread::middle);
        }), Optional::isPresent).orElseThrow();
        return clickAt(robot, at);
    }

    /** Clicks the middle of {@code node}, measured on the UI thread once it has finished what it has queued. */
    public static FxRobot click(FxRobot robot, Node node) {
        WaitForAsyncUtils.waitForFxEvents();
        Point2D at = get(() -> {
            if (!shown(node)) {
                throw new IllegalStateException("not shown in a window, so not clickable: " + node);
            }
            return middle(node);
        });
        return clickAt(robot, at);
    }

    /** Whether {@code node} is in a showing window with it and every parent visible. Call on the UI thread. */
    public static boolean shown(Node node) {
        Scene scene = node.getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static FxRobot clickAt(FxRobot robot, Point2D at) {
        robot.moveTo(at);
        robot.clickOn(MouseButton.PRIMARY);
        return robot;
    }

    /** The middle, on screen, of the part of {@code node} inside its window (as TestFX aims its own clicks). */
    private static Point2D middle(Node node) {
        Scene scene = node.getScene();
        Bounds inScene = node.localToScene(node.getBoundsInLocal());
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        double minX = Math.max(inScene.getMinX(), window.getMinX());
        double minY = Math.max(inScene.getMinY(), window.getMinY());
        double maxX = Math.min(inScene.getMaxX(), window.getMaxX());
        double maxY = Math.min(inScene.getMaxY(), window.getMaxY());
        Window w = scene.getWindow();
        return new Point2D(w.getX() + scene.getX() + (minX + maxX) / 2, w.getY() + scene.getY() + (minY + maxY) / 2);
    }
}
