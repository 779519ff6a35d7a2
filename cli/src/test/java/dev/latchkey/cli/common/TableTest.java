package dev.latchkey.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private record Row(String name, int count, String note) {
    }

    private static final List<Row> ROWS = List.of(new Row("alpha", 7, "first"), new Row("a-much-longer-name", 1234, "second"));

    private static String print(Table<Row> table, boolean json) {
        StringWriter text = new StringWriter();
        table.print(json, new PrintWriter(text));
        return text.toString();
    }

    private static Table<Row> table(List<Row> rows) {
        return Table.of(rows, (Row r) -> Json.object().put("name", r.name()).put("count", r.count()))
                .left("NAME", 6, Row::name)
                .right("COUNT", 5, Row::count)
                .fitted("AGAIN", Row::name)
                .last("NOTE", Row::note);
    }

    @Test
    void columnsAreTwoSpacesApartAndTheLastIsNeverPadded() {
        String n = System.lineSeparator();
        assertThat(print(table(ROWS), false)).isEqualTo(
                "NAME    COUNT  AGAIN               NOTE" + n
                        + "alpha       7  alpha               first" + n
                        + "a-much-longer-name   1234  a-much-longer-name  second" + n);
    }

    @Test
    void printsWhatPrintfWouldForTheSameWidths() {
        String row = "%-6s  %5d  %-18s  %s%n";
        StringBuilder expected = new StringBuilder(String.format("%-6s  %5s  %-18s  %s%n", "NAME", "COUNT", "AGAIN", "NOTE"));
        ROWS.forEach(r -> expected.append(String.format(row, r.name(), r.count(), r.name(), r.note())));
        assertThat(print(table(ROWS), false)).isEqualTo(expected.toString());
    }

    @Test
    void anEmptyTableShowsItsHeadingOrItsOwnLine() {
        String n = System.lineSeparator();
        assertThat(print(table(List.of()), false)).isEqualTo("NAME    COUNT  AGAIN  NOTE" + n);
        assertThat(print(table(List.of()).whenEmpty("Nothing here.").footer("never shown"), false))
                .isEqualTo("Nothing here." + n);
    }

    @Test
    void detailsGoUnderTheirRowAndTheFooterUnderAll() {
        String n = System.lineSeparator();
        Table<Row> table = Table.of(ROWS.subList(0, 1), (Row r) -> Json.object())
                .left("NAME", 6, Row::name)
                .last("NOTE", Row::note)
                .details(4, r -> List.of("one", "two"))
                .footer("That is all.");
        assertThat(print(table, false)).isEqualTo(
                "NAME    NOTE" + n + "alpha   first" + n + "    one" + n + "    two" + n + "That is all." + n);
    }

    @Test
    void jsonIsAnIndentedArrayOfOneObjectARowWithNoTextAroundIt() {
        String n = System.lineSeparator();
        String json = print(table(ROWS).whenEmpty("none").footer("footer").details(2, r -> List.of("detail")), true);
        assertThat(json).isEqualTo("[ {" + n + "  \"name\" : \"alpha\"," + n + "  \"count\" : 7" + n + "}, {" + n
                + "  \"name\" : \"a-much-longer-name\"," + n + "  \"count\" : 1234" + n + "} ]" + n);
        assertThat(print(table(List.of()).whenEmpty("none"), true)).isEqualTo("[ ]" + n);
    }
}
