package dev.latchkey.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every kind of bad answer becomes one typed fault naming the field; no value ever reaches a message. */
class WireJsonTest {

    static final String SECRET = "s3cr3t-value";

    enum Colour { RED, GREEN }

    record Inner(Instant endsAt) {
        Inner {
            Objects.requireNonNull(endsAt, "endsAt");
        }
    }

    record Answer(String id, Long count, Colour colour, Instant at, List<String> names, Inner inner) {
        Answer {
            Objects.requireNonNull(id, "id");
        }
    }

    @Test
    void aGoodAnswerReadsAndFieldsThisClientDoesNotKnowAreIgnored() throws Exception {
        Answer a = WireJson.read("""
                {"id":"x","count":3,"colour":"red","at":"2026-11-29T05:00:00Z","names":["a"],
                 "inner":{"endsAt":"2026-11-29T06:00:00Z"},"newerField":{"deep":1}}""", Answer.class);
        assertThat(a).isEqualTo(new Answer("x", 3L, Colour.RED, Instant.parse("2026-11-29T05:00:00Z"), List.of("a"),
                new Inner(Instant.parse("2026-11-29T06:00:00Z"))));
    }

    @Test
    void aWholeNumberWrittenAsTextIsThatNumber() throws Exception {
        assertThat(WireJson.read("{\"id\":\"x\",\"count\":\"600\"}", Answer.class).count()).isEqualTo(600L);
    }

    @Test
    void aParsedTreeReadsTheSameWayAndFaultsTheSameWay() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(WireJson.read(json.readTree("{\"id\":\"x\",\"count\":3}"), Answer.class).count()).isEqualTo(3L);
        WireJson.Malformed m = catchThrowableOfType(WireJson.Malformed.class,
                () -> WireJson.read(json.readTree("{\"id\":\"x\",\"inner\":{\"endsAt\":\"s3cr3t-value\"}}"), Answer.class));
        assertThat(m.getMessage()).isEqualTo("'inner.endsAt' is not an ISO-8601 time");
        assertThat(catchThrowableOfType(WireJson.Malformed.class, () -> WireJson.read(json.readTree("[1]"), Answer.class))
                .getMessage()).isEqualTo("is not a JSON object");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON at all s3cr3t-value                         ||is not JSON",
            "[\"s3cr3t-value\"]                                   ||is not a JSON object",
            "{\"count\":1}                                        |id|'id' is missing",
            "{\"id\":\"x\",\"count\":\"s3cr3t-value\"}            |count|'count' is not a whole number",
            "{\"id\":\"x\",\"count\":1.5}                         |count|'count' is not a whole number",
            "{\"id\":\"x\",\"count\":true}                        |count|'count' is not a whole number",
            "{\"id\":null}                                      |id|'id' is missing",
            "{\"id\":42}                                        |id|'id' is not text",
            "{\"id\":true}                                      |id|'id' is not text",
            "{\"id\":[\"s3cr3t-value\"]}                        |id|'id' is not text",
            "{\"id\":\"x\",\"names\":[\"a\",7]}                   |names[1]|'names[1]' is not text",
            "{\"id\":\"x\",\"colour\":\"s3cr3t-value\"}           |colour|'colour' is a word this client does not know",
            "{\"id\":\"x\",\"at\":\"s3cr3t-value\"}               |at|'at' is not an ISO-8601 time",
            "{\"id\":\"x\",\"at\":12}                             |at|'at' is not an ISO-8601 time",
            "{\"id\":\"x\",\"inner\":{}}                          |inner.endsAt|'inner.endsAt' is missing",
            "{\"id\":\"x\",\"names\":\"s3cr3t-value\"}            |names|'names' is not a list",
            "{\"id\":\"x\",\"inner\":\"s3cr3t-value\"}            |inner|'inner' is not an object"})
    void eachBadAnswerIsAFaultNamingTheFieldNeverTheValue(String json, String field, String message) {
        WireJson.Malformed m = catchThrowableOfType(WireJson.Malformed.class, () -> WireJson.read(json.strip(), Answer.class));
        assertThat(m).as(json).isNotNull();
        assertThat(m.field()).isEqualTo(field == null ? "" : field);
        assertThat(m.getMessage()).isEqualTo(message).doesNotContain(SECRET);
        assertThat(m.getCause()).isNull();
    }
}
