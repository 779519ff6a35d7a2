package dev.latchkey.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFields} reads each field with the type it must have and names a field at fault by its
 * path, never by a value or a member's name from the text. (Its faults beside the wire's Jackson
 * binder, answer by answer: {@code internal.http.WireJsonTest}.)
 */
class JsonFieldsTest {

    /** A token-shaped secret, as an answer, an agent's reply or a keychain entry may hold. */
    private static final String SECRET = "eyJhbGciOiJIUzI1NiJ9.hunter2-s3cr3t";

    /** One read of a parsed text. */
    private interface Read {
        void from(JsonFields f) throws MalformedJson;
    }

    private record Case(String json, Read read) {
    }

    @Test
    void fieldsHaveTheirTypesAndMissingOrNullOnesReadAsAbsent() throws Exception {
        JsonFields f = JsonFields.parse("{\"t\":\"x\",\"n\":7,\"b\":true,\"z\":null,\"l\":[\"a\"],\"o\":{\"k\":{\"t\":\"y\"}}}");

        assertThat(f.text("t")).isEqualTo("x");
        assertThat(f.optionalText("z")).isNull();
        assertThat(f.optionalText("missing")).isNull();
        assertThat(f.wholeNumberOr("n", 0)).isEqualTo(7);
        assertThat(f.wholeNumberOr("missing", 3)).isEqualTo(3);
        assertThat(f.booleanOr("b", false)).isTrue();
        assertThat(f.booleanOr("z", true)).isTrue();
        assertThat(f.optionalTexts("l")).containsExactly("a");
        assertThat(f.optionalObjectsByName("o").get("k").text("t")).isEqualTo("y");
        assertThat(f.object("o").object("k").text("t")).isEqualTo("y");
        assertThatThrownBy(() -> f.text("z")).isInstanceOf(MalformedJson.class).hasMessage("'z' is missing");
        assertThatThrownBy(() -> f.object("missing")).isInstanceOf(MalformedJson.class).hasMessage("'missing' is missing");
        assertThatThrownBy(() -> f.wholeNumberOr("t", 0)).isInstanceOf(MalformedJson.class).hasMessage("'t' is not a whole number");
        assertThatThrownBy(() -> f.booleanOr("n", false)).isInstanceOf(MalformedJson.class).hasMessage("'n' is not true or false");
        assertThatThrownBy(() -> f.optionalObjects("l")).isInstanceOf(MalformedJson.class).hasMessage("'l[0]' is not an object");
        assertThatThrownBy(() -> JsonFields.parse("[]")).isInstanceOf(MalformedJson.class).hasMessage("is not a JSON object");
    }

    @Test
    void listsOfObjectsNameEachItemByItsPlace() {
        MalformedJson m = catchThrowableOfType(MalformedJson.class, () -> {
            for (JsonFields item : JsonFields.parse("{\"items\":[{\"id\":\"a\"},{\"v\":\"" + SECRET + "\"}]}").objects("items")) {
                item.text("id");
            }
        });
        assertThat(m.getMessage()).isEqualTo("'items[1].id' is missing");
        assertThat(m.field()).isEqualTo("items[1].id");
        assertThat(catchThrowableOfType(MalformedJson.class,
                () -> JsonFields.parse("{\"items\":[\"" + SECRET + "\"]}").objects("items")).getMessage())
                .isEqualTo("'items[0]' is not an object");
        assertThat(catchThrowableOfType(MalformedJson.class, () -> JsonFields.parse("{}").objects("items")).getMessage())
                .isEqualTo("'items' is missing");
    }

    @Test
    void membersOfAnObjectAreNamedByTheirPlaceNeverByTheirName() throws Exception {
        Map<String, JsonFields> members = JsonFields.parse("{\"tokens\":{\"A\":{\"t\":\"x\"},\"" + SECRET + "\":{\"v\":1}}}")
                .optionalObjectsByName("tokens");
        assertThat(members.keySet()).containsExactly("A", SECRET);
        assertThat(members.get("A").text("t")).isEqualTo("x");
        MalformedJson m = catchThrowableOfType(MalformedJson.class, () -> members.get(SECRET).text("t"));
        assertThat(m.getMessage()).isEqualTo("'tokens{1}.t' is missing");
        assertThat(catchThrowableOfType(MalformedJson.class,
                () -> JsonFields.parse("{\"tokens\":{\"" + SECRET + "\":7}}").optionalObjectsByName("tokens")).getMessage())
                .isEqualTo("'tokens{0}' is not an object");
        assertThat(catchThrowableOfType(MalformedJson.class,
                () -> JsonFields.parse("{\"tokens\":[]}").optionalObjectsByName("tokens")).getMessage())
                .isEqualTo("'tokens' is not an object");
    }

    @Test
    void aSecretInAMalformedTextReachesNeitherTheFaultsMessageNorItsText() throws Exception {
        String inText = "{\"v\":\"" + SECRET + "\"}";
        String inList = "{\"v\":[1,\"" + SECRET + "\",{\"" + SECRET + "\":\"" + SECRET + "\"}]}";
        String inMember = "{\"v\":{\"" + SECRET + "\":\"" + SECRET + "\"}}";
        List<Case> cases = List.of(
                new Case(SECRET, f -> { }), new Case("{\"v\":\"" + SECRET + "\"", f -> { }),
                new Case("{\"v\":\"" + SECRET + "\",\"v\":1}", f -> { }), new Case("[\"" + SECRET + "\"]", f -> { }),
                new Case("\"" + SECRET + "\"", f -> { }),
                new Case(inText, f -> f.wholeNumberOr("v", 0)), new Case(inText, f -> f.booleanOr("v", false)),
                new Case(inText, f -> f.instant("v")), new Case(inText, f -> f.word("v", DayOfWeek.class)),
                new Case(inText, f -> f.object("v")), new Case(inText, f -> f.objects("v")),
                new Case(inText, f -> f.optionalTexts("v")), new Case(inText, f -> f.optionalObjectsByName("v")),
                new Case(inText, f -> f.text("w")),
                new Case(inList, f -> f.text("v")), new Case(inList, f -> f.objects("v")),
                new Case(inList, f -> f.optionalTexts("v")),
                new Case(inMember, f -> f.text("v")), new Case(inMember, f -> f.optionalObjectsByName("v")),
                new Case(inMember, f -> f.optionalObjects("v")));
        for (Case c : cases) {
            MalformedJson m = catchThrowableOfType(MalformedJson.class, () -> c.read().from(JsonFields.parse(c.json())));

            assertThat(m).as(c.json()).isNotNull();
            assertThat(m.getMessage()).as(c.json()).isNotBlank().doesNotContain(SECRET).doesNotContain("hunter2");
            assertThat(m.toString()).as(c.json()).doesNotContain(SECRET).doesNotContain("hunter2");
            assertThat(m.getCause()).isNull();
        }
        assertThat(JsonFields.parse(inMember).toString()).doesNotContain(SECRET);
        assertThat(JsonFields.parse(inMember).object("v").toString()).doesNotContain(SECRET);
    }
}
