package dev.latchkey.broker.devidp;

import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A dev broker's clock that stands still until it is told the time ({@code --dev-clock}): tests
 * of grant ends and warnings, and screenshots with fixed times, run a real dev broker as a
 * process of its own and move its time with their own, without waiting.
 *
 * <p>{@code POST /dev-idp/clock} with the form field {@code now} (ISO-8601, such as
 * {@code 2026-11-29T10:06:00Z}) sets it: 204; 400 with the reason for a malformed or earlier
 * time. Like the rest of the dev IdP, anyone who can reach the broker may post it.
 */
public final class DevClock extends Clock {

    /** Where the clock is set. */
    public static final String PATH = DevIdentityProvider.PATH + "/clock";

    private volatile Instant now;

    public DevClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /**
     * Moves the clock to {@code to}.
     *
     * @throws IllegalArgumentException when {@code to} is before the clock's time: time only moves on
     */
    public synchronized void set(Instant to) {
        if (to.isBefore(now)) {
            throw new IllegalArgumentException("the clock is at " + now + "; it only moves forward, not to " + to);
        }
        now = to;
    }

    /** Adds {@link #PATH}; call it inside {@code Javalin.create}. */
    public void addRoute(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, setter());
    }

    private Handler setter() {
        return ctx -> {
            String text = ctx.formParam("now");
            try {
                if (text == null) {
                    throw new IllegalArgumentException("post the form field now=<ISO-8601 instant>");
                }
                set(Instant.parse(text));
                ctx.status(204);
            } catch (DateTimeParseException e) {
                ctx.status(400).result("now is not an ISO-8601 instant such as 2026-11-29T10:06:00Z: " + text);
            } catch (IllegalArgumentException e) {
                ctx.status(400).result(e.getMessage());
            }
        };
    }
}
