package dev.latchkey.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.sandbox.SigningKeys;
import dev.latchkey.broker.secrets.MasterKey;
import dev.latchkey.broker.secrets.SecretVault;
import dev.latchkey.broker.testing.PostgresCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replicas started together on a new PostgreSQL database (as a deployment's first start does):
 * each finds the database empty at the same moment, yet all start, with one key check and one
 * signing key that every one of them publishes and signs with.
 */
class FirstStartOnPostgresTest {

    @Test
    void replicasStartingTogetherOnANewDatabaseAgreeOnOneSigningKey() throws Exception {
        String url = PostgresCluster.shared().newDatabase();
        MasterKey key = MasterKey.random();
        int replicas = 6;
        List<Database> dbs = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            dbs.add(Database.open(url));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(replicas)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> published = new ArrayList<>();
            for (Database db : dbs) {
                published.add(pool.submit(() -> {
                    go.await();
                    SecretVault.open(db, key, Clock.systemUTC());
                    return SigningKeys.open(db, key, Clock.systemUTC()).publicSet().toString();
                }));
            }
            go.countDown();
            List<String> sets = new ArrayList<>();
            for (Future<String> f : published) {
                sets.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(sets).as("every replica publishes the same single key").containsOnly(sets.getFirst());
            assertThat(SigningKeys.open(dbs.getFirst(), key, Clock.systemUTC()).publicSet().getKeys()).hasSize(1);
        } finally {
            dbs.forEach(Database::close);
        }
    }
}
