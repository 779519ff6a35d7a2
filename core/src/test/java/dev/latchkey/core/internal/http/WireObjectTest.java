package dev.latchkey.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.core.internal.http.WireJsonTest.Answer;
import dev.latchkey.core.internal.http.WireJsonTest.Colour;
import dev.latchkey.core.internal.http.WireJsonTest.Inner;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link WireObject} reads what {@link WireJson} reads and faults where it faults, in the same words:
 * each bad answer of {@link WireJsonTest}'s corpus, and more, gives both the same field and message,
 * and no value reaches either.
 */
class WireObjectTest {

    private static final String SECRET = WireJsonTest.SECRET;

    /** {@link WireJsonTest.Answer} read field by field, as the broker client reads its daily answers. */
    static Answer answer(String json) throws WireJson.Malformed {
        WireObject o = WireObject.parse(json);
        WireObject inner = o.optionalObject("inner");
        return new Answer(o.text("id"), o.optionalWholeNumber("count"), o.optionalWord("colour", Colour.class),
                o.optionalInstant("at"), o.optionalTexts("names"), inner == null ? null : new Inner(inner.instant("endsAt")));
    }

    @Test
    void aGoodAnswerReadsAsWireJsonReadsItAndUnknownFieldsAreIgnored() throws Exception {
        String json = """
                {"id":"x","count":3,"colour":"red","at":"2026-11-29T05:00:00Z","names":["a"],
                 "inner":{"endsAt":"2026-11-29T06:00:00Z"},"newerField":{"deep":1}}""";
        assertThat(answer(json)).isEqualTo(WireJson.read(json, Answer.class))
                .isEqualTo(new Answer("x", 3L, Colour.RED, Instant.parse("2026-11-29T05:00:00Z"), List.of("a"),
                        new Inner(Instant.parse("2026-11-29T06:00:00Z"))));
        assertThat(answer("{\"id\":\"x\",\"count\":\"600\"}").count()).as("a whole number written as text").isEqualTo(600L);
        assertThat(answer("{\"id\":\"x\",\"colour\":\"GREEN\",\"at\":null}"))
                .isEqualTo(new Answer("x", null, Colour.GREEN, null, null, null));
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
    void eachBadAnswerIsTheFaultWireJsonGivesNeverTheValue(String json, String field, String message) {
        WireJson.Malformed m = catchThrowableOfType(WireJson.Malformed.class, () -> answer(json.strip()));
        assertThat(m).as(json).isNotNull();
        assertThat(m.field()).isEqualTo(field == null ? "" : field);
        assertThat(m.getMessage()).isEqualTo(message).doesNotContain(SECRET);
        assertThat(m.getCause()).as("no cause that could carry the text").isNull();
        WireJson.Malformed jackson = catchThrowableOfType(WireJson.Malformed.class, () -> WireJson.read(json.strip(), Answer.class));
        assertThat(jackson.getMessage()).as("the words WireJson uses for the same answer").isEqualTo(message);
    }

    @Test
    void listsOfObjectsNameEachItemByItsPlace() {
        WireJson.Malformed m = catchThrowableOfType(WireJson.Malformed.class, () -> {
            for (WireObject item : WireObject.parse("{\"items\":[{\"id\":\"a\"},{\"v\":\"" + SECRET + "\"}]}").objects("items")) {
                item.text("id");
            }
        });
        assertThat(m.getMessage()).isEqualTo("'items[1].id' is missing");
        assertThat(catchThrowableOfType(WireJson.Malformed.class,
                () -> WireObject.parse("{\"items\":[\"" + SECRET + "\"]}").objects("items")).getMessage())
                .isEqualTo("'items[0]' is not an object");
        assertThat(catchThrowableOfType(WireJson.Malformed.class, () -> WireObject.parse("{}").objects("items")).getMessage())
                .isEqualTo("'items' is missing");
    }

    @Test
    void itsTextHoldsNoValue() throws Exception {
        assertThat(WireObject.parse("{\"value\":\"" + SECRET + "\"}").toString()).doesNotContain(SECRET);
    }
}
