package dev.latchkey.app.common;

import java.time.Duration;

/**
 * Time left as the app's countdowns say it: {@code 24 min}, {@code 1 h 5 min}, {@code 45 s} under a
 * minute. Never {@code 24:00}, which reads as a clock time.
 */
public final class TimeLeft {

    private TimeLeft() {
    }

    /**
     * Minutes rounded up (so "1 min" until the last minute, as the banner says it), seconds in the
     * last minute, hours from an hour up; never below zero.
     */
    public static String words(Duration left) {
        long s = Math.max(0, left.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        long min = (s + 59) / 60;
        if (min < 60) {
            return min + " min";
        }
        return min % 60 == 0 ? min / 60 + " h" : min / 60 + " h " + min % 60 + " min";
    }
}
