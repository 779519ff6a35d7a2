package dev.latchkey.broker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.secrets.MasterKey;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key outlives a restart, and is useless without the master key. */
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void aRestartedBrokerSignsWithTheSameKeyAndNeverStoresItInTheClear() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("broker") + ";DB_CLOSE_DELAY=0";
        MasterKey master = MasterKey.random();
        String kid;
        String privatePart;
        try (Database db = Database.open(url)) {
            SigningKeys keys = SigningKeys.open(db, master, Clock.systemUTC());
            kid = keys.current().getKeyID();
            privatePart = keys.current().getD().toString();
            assertThat(keys.publicSet().toString(true)).doesNotContain(privatePart);
        }
        try (Database db = Database.open(url)) {
            assertThat(SigningKeys.open(db, master, Clock.systemUTC()).current().getKeyID()).isEqualTo(kid);
            assertThatThrownBy(() -> SigningKeys.open(db, MasterKey.random(), Clock.systemUTC()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("another master key");
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).doesNotContain(privatePart);
            }
        }
    }
}
