package dev.latchkey.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The wire's two readers, Jackson's binder ({@link WireJson}) and {@link JsonFields} field by field,
 * read an answer alike and fault alike: each bad answer of one corpus is the same fault from both, the
 * same field in the same words, and no value reaches either.
 */
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

    /** {@link Answer} read field by field, as the broker client reads its daily answers. */
    static Answer fieldByField(String json) throws MalformedJson {
        JsonFields o = JsonFields.parse(json);
        JsonFields inner = o.optionalObject("inner");
        return new Answer(o.text("id"), o.optionalWholeNumber("count"), o.optionalWord("colour", Colour.class),
                o.optionalInstant("at"), o.optionalTexts("names"), inner == null ? null : new Inner(inner.instant("endsAt")));
    }

    @Test
    void aGoodAnswerReadsAlikeByBothAndFieldsThisClientDoesNotKnowAreIgnored() throws Exception {
        String json = """
                {"id":"x","count":3,"colour":"red","at":"2026-11-29T05:00:00Z","names":["a"],
                 "inner":{"endsAt":"2026-11-29T06:00:00Z"},"newerField":{"deep":1}}""";
        assertThat(fieldByField(json)).isEqualTo(WireJson.read(json, Answer.class))
                .isEqualTo(new Answer("x", 3L, Colour.RED, Instant.parse("2026-11-29T05:00:00Z"), List.of("a"),
                        new Inner(Instant.parse("2026-11-29T06:00:00Z"))));
        String nulls = "{\"id\":\"x\",\"colour\":\"GREEN\",\"at\":null}";
        assertThat(fieldByField(nulls)).isEqualTo(WireJson.read(nulls, Answer.class))
                .isEqualTo(new Answer("x", null, Colour.GREEN, null, null, null));
    }

    @Test
    void aWholeNumberWrittenAsTextIsThatNumber() throws Exception {
        String json = "{\"id\":\"x\",\"count\":\"600\"}";
        assertThat(WireJson.read(json, Answer.class).count()).isEqualTo(600L);
        assertThat(fieldByField(json).count()).isEqualTo(600L);
    }

    @Test
    void aParsedTreeReadsTheSameWayAndFaultsTheSameWay() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(WireJson.read(json.readTree("{\"id\":\"x\",\"count\":3}"), Answer.class).count()).isEqualTo(3L);
        MalformedJson m = catchThrowableOfType(MalformedJson.class,
                () -> WireJson.read(json.readTree("{\"id\":\"x\",\"inner\":{\"endsAt\":\"s3cr3t-value\"}}"), Answer.class));
        assertThat(m.getMessage()).isEqualTo("'inner.endsAt' is not an ISO-8601 time");
        assertThat(catchThrowableOfType(MalformedJson.class, () -> WireJson.read(json.readTree("[1]"), Answer.class))
                .getMessage()).isEqualTo("is not a JSON object");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON at all s3cr3t-value                         ||is not JSON",
            "{\"id\":\"s3cr3t-value\"                             ||is not JSON",
            "[\"s3cr3t-value\"]                                   ||is not a JSON object",
            "\"s3cr3t-value\"                                     ||is not a JSON object",
            "{\"count\":1}                                        |id|'id' is missing",
            "{\"id\":\"x\",\"count\":\"s3cr3t-value\"}            |count|'count' is not a whole number",
            "{\"id\":\"x\",\"count\":1.5}                         |count|'count' is not a whole number",
            "{\"id\":\"x\",\"count\":true}                        |count|'count' is not a whole number",
            "{\"id\":null}                                      |id|'id' is missing",
            "{\"id\":42}                                        |id|'id' is not text",
            "{\"id\":true}                                      |id|'id' is not text",
            "{\"id\":[\"s3cr3t-value\"]}                        |id|'id' is not text",
            "{\"id\":{\"v\":\"s3cr3t-value\"}}                  |id|'id' is not text",
            "{\"id\":\"x\",\"names\":[\"a\",7]}                   |names[1]|'names[1]' is not text",
            "{\"id\":\"x\",\"colour\":\"s3cr3t-value\"}           |colour|'colour' is a word this client does not know",
            "{\"id\":\"x\",\"colour\":1}                          |colour|'colour' is a word this client does not know",
            "{\"id\":\"x\",\"at\":\"s3cr3t-value\"}               |at|'at' is not an ISO-8601 time",
            "{\"id\":\"x\",\"at\":12}                             |at|'at' is not an ISO-8601 time",
            "{\"id\":\"x\",\"inner\":{}}                          |inner.endsAt|'inner.endsAt' is missing",
            "{\"id\":\"x\",\"inner\":{\"endsAt\":\"s3cr3t-value\"}} |inner.endsAt|'inner.endsAt' is not an ISO-8601 time",
            "{\"id\":\"x\",\"names\":\"s3cr3t-value\"}            |names|'names' is not a list",
            "{\"id\":\"x\",\"inner\":\"s3cr3t-value\"}            |inner|'inner' is not an object"})
    void eachBadAnswerIsTheSameFaultFromBothReadersNamingTheFieldNeverTheValue(String json, String field, String message) {
        String text = json.strip();
        fits("WireJson", catchThrowableOfType(MalformedJson.class, () -> WireJson.read(text, Answer.class)), field, message);
        fits("JsonFields", catchThrowableOfType(MalformedJson.class, () -> fieldByField(text)), field, message);
    }

    private static void fits(String reader, MalformedJson m, String field, String message) {
        assertThat(m).as(reader).isNotNull();
        assertThat(m.field()).as(reader).isEqualTo(field == null ? "" : field);
        assertThat(m.getMessage()).as(reader).isEqualTo(message).doesNotContain(SECRET);
        assertThat(m.getCause()).as(reader + ": no cause that could carry the text").isNull();
    }
}
