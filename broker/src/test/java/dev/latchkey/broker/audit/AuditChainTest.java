package dev.latchkey.broker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.store.Database;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    @Test
    void rowsChainAndAnEditedRowShowsWhere() throws Exception {
        try (Database db = Database.inMemory()) {
            AuditLog log = new AuditLog(db, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                log.append(new AuditEvent("sub-ada", "latchkey@127.0.0.1", "secret.resolve",
                        "latchkey://payments/dev/db-url", "ok", "v1"));
            }
            assertThat(log.verify()).isEmpty();
            List<AuditRecord> rows = log.after(0, 10);
            assertThat(rows).hasSize(5);
            assertThat(rows.get(0).prevHash()).isEqualTo(AuditLog.GENESIS);
            assertThat(rows.get(3).prevHash()).isEqualTo(rows.get(2).hash());

            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_log SET actor = 'sub-mallory' WHERE seq = 3");
            }
            assertThat(log.verify()).contains(3L);
        }
    }

    @Test
    void aDeletedRowBreaksTheChain() throws Exception {
        try (Database db = Database.inMemory()) {
            AuditLog log = new AuditLog(db, Clock.systemUTC());
            for (int i = 0; i < 4; i++) {
                log.append(new AuditEvent("a", "c", "secret.put", "t/e/n", "ok", ""));
            }
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_log WHERE seq = 2");
            }
            assertThat(log.verify()).contains(2L);
        }
    }

    @Test
    void concurrentAppendsKeepOneLinearChain() throws Exception {
        try (Database db = Database.inMemory(); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            AuditLog log = new AuditLog(db, Clock.systemUTC());
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        log.appendAll(List.of(new AuditEvent("a", "c", "secret.resolve", "r" + i, "ok", ""),
                                new AuditEvent("a", "c", "secret.resolve", "s" + i, "ok", "")));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(log.after(0, 1_000)).hasSize(200);
            assertThat(log.verify()).isEmpty();
        }
    }
}
