package dev.latchkey.core.brokerapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SecretRef's equals and hashCode are written out (see the class); they must still be a record's. */
class SecretRefTest {

    private static final List<SecretRef> ALL = List.of(SecretRef.parse("latchkey://payments/dev/db-url"),
            SecretRef.parse("latchkey://payments/dev/db-url#user"), SecretRef.parse("latchkey://payments/dev/db-url#pass"),
            SecretRef.parse("latchkey://payments/prod/db-url"), SecretRef.parse("latchkey://billing/dev/db-url"),
            SecretRef.parse("latchkey://payments/dev/db-urls"), SecretRef.of("payments", "dev", "db-url"));

    @Test
    void equalExactlyWhenEveryPartIsEqual() {
        for (SecretRef a : ALL) {
            for (SecretRef b : ALL) {
                boolean same = a.team().equals(b.team()) && a.env().equals(b.env()) && a.name().equals(b.name())
                        && a.field().equals(b.field());
                assertThat(a.equals(b)).as(a + " = " + b).isEqualTo(same);
                if (same) {
                    assertThat(a.hashCode()).as(a + " hash").isEqualTo(b.hashCode());
                }
            }
        }
        assertThat(ALL.getFirst()).isNotEqualTo(null).isNotEqualTo("latchkey://payments/dev/db-url");
        assertThat(Set.copyOf(ALL.subList(0, 6))).hasSize(6).contains(SecretRef.of("payments", "dev", "db-url"));
        assertThat(new SecretRef("payments", "dev", "db-url", Optional.of("user")))
                .isEqualTo(SecretRef.parse("latchkey://payments/dev/db-url#user"));
    }
}
