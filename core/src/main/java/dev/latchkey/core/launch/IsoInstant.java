package dev.latchkey.core.launch;

import java.time.Instant;

/**
 * An instant as {@link Instant#toString()} writes it ({@code 2026-12-02T09:21:20.123Z}: the
 * fraction in groups of three digits, none when it is zero), for the launch log's lines, without
 * {@code java.time.format}: the JDK's formatter builds its ISO formatters on first use, about 3 ms
 * of every {@code latchkey run}, between its child's end and its own. Instants outside the years
 * 0000–9999 (no launch's) are written by the JDK.
 */
final class IsoInstant {

    /** 0000-01-01T00:00:00Z. */
    private static final long FIRST = -62_167_219_200L;
    /** 10000-01-01T00:00:00Z. */
    private static final long END = 253_402_300_800L;
    private static final int DAY = 86_400;

    private IsoInstant() {
    }

    static String of(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST || seconds >= END) {
            return t.toString();
        }
        long days = Math.floorDiv(seconds, DAY);
        int ofDay = Math.floorMod(seconds, DAY);
        // The proleptic Gregorian date of a day count from 1970-01-01, in eras of 400 years from
        // 0000-03-01 (H. Hinnant's "civil_from_days"; a year's leap day is then its last day).
        long fromMarch = days + 719_468;
        long era = Math.floorDiv(fromMarch, 146_097);
        int dayOfEra = (int) (fromMarch - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);

        StringBuilder b = new StringBuilder(30);
        digits(b, year, 4).append('-');
        digits(b, month, 2).append('-');
        digits(b, day, 2).append('T');
        digits(b, ofDay / 3_600, 2).append(':');
        digits(b, ofDay / 60 % 60, 2).append(':');
        digits(b, ofDay % 60, 2);
        int nano = t.getNano();
        if (nano > 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) {
                digits(b, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(b, nano / 1_000, 6);
            } else {
                digits(b, nano, 9);
            }
        }
        return b.append('Z').toString();
    }

    /** {@code value} in at least {@code width} digits, zeros in front. */
    private static StringBuilder digits(StringBuilder b, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
