package dev.latchkey.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@link UiThreadFailures} fails the window test in which the UI thread threw, with what it threw,
 * and no test after it. Each case runs a small window test class through the JUnit launcher (as
 * the build runs the real ones): its first test throws on the UI thread, the next two click in the
 * same window. Without the extension the throws fail the next test too, as they did in CI.
 */
class UiThreadFailuresTest {

    private static final String THROWN = "thrown on the UI thread by the first test";

    @AfterEach
    void leaveNothingForTheNextTest() {
        WaitForAsyncUtils.clearExceptions();
    }

    @Test
    void theTestInWhichTheUiThreadThrewFailsWithItAndTheNextOnesPass() {
        Map<String, TestExecutionResult> results = run(WithTheExtension.class);

        assertThat(results).containsOnlyKeys("throwsOnTheUiThread()", "clicksAfterwards(FxRobot)", "clicksAgain(FxRobot)");
        TestExecutionResult first = results.get("throwsOnTheUiThread()");
        assertThat(first.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(first.getThrowable()).get().asInstanceOf(THROWABLE)
                .hasMessage("The UI thread threw during this test: java.lang.IllegalStateException: " + THROWN)
                .satisfies(t -> assertThat(t.getSuppressed()).as("the other two throws").hasSize(2))
                .cause().isInstanceOf(IllegalStateException.class).hasMessage(THROWN);
        assertThat(results.get("clicksAfterwards(FxRobot)").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.get("clicksAgain(FxRobot)").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void withoutItTheThrowsFailTheNextTestToo() {
        Map<String, TestExecutionResult> results = run(WithoutTheExtension.class);

        TestExecutionResult next = results.get("clicksAfterwards(FxRobot)");
        assertThat(next.getStatus()).as("the next test").isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(next.getThrowable()).get().asInstanceOf(THROWABLE).rootCause().hasMessage(THROWN);
    }

    /** Each test's result by its method, from running {@code tests} through the JUnit launcher. */
    private static Map<String, TestExecutionResult> run(Class<?> tests) {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    results.put(test.getDisplayName(), result);
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build(), listener);
        return results;
    }

    /** A window with one button; the first test throws on the UI thread, the others click the button. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class ThrowsOnTheUiThread {

        /** Called by each subclass's {@code @Start}: TestFX finds it only among a class's own methods. */
        static void show(Stage stage) {
            Button button = new Button("Click me");
            button.setId("button");
            stage.setScene(new Scene(button, 320, 200));
            stage.show();
        }

        /** Throws three times, as a layout gone wrong throws on every pulse. */
        @Test
        @Order(1)
        void throwsOnTheUiThread() {
            for (int i = 0; i < 3; i++) {
                Platform.runLater(() -> {
                    throw new IllegalStateException(THROWN);
                });
            }
            WaitForAsyncUtils.waitForFxEvents();
        }

        @Test
        @Order(2)
        void clicksAfterwards(FxRobot robot) {
            UiThread.click(robot, "#button");
            robot.interact(() -> { });
        }

        @Test
        @Order(3)
        void clicksAgain(FxRobot robot) {
            UiThread.click(robot, "#button");
            robot.interact(() -> { });
        }
    }

    /** Run only through {@link #run}: a nested class, which the build's own test run leaves out. */
    @ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
    static class WithTheExtension extends ThrowsOnTheUiThread {
        @Start
        void start(Stage stage) {
            show(stage);
        }
    }

    /** Run only through {@link #run}: a nested class, which the build's own test run leaves out. */
    @ExtendWith(ApplicationExtension.class)
    static class WithoutTheExtension extends ThrowsOnTheUiThread {
        @Start
        void start(Stage stage) {
            show(stage);
        }
    }
}
