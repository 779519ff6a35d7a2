package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server stays out of the app, its tests included: they run dev brokers from the broker jar
 * as processes of their own (DevBroker), so none of the broker's classes or the libraries only it
 * needs can be loaded here. A test-scoped dependency on the broker would put them back.
 */
class NoServerOnTheClassPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "dev.latchkey.broker.BrokerMain", "dev.latchkey.broker.LatchkeyBroker", "dev.latchkey.broker.seed.DemoOrganisation",
        "io.javalin.Javalin", "org.eclipse.jetty.server.Server", "org.h2.Driver", "org.flywaydb.core.Flyway",
        "org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource", "ch.qos.logback.classic.Logger",
        "com.nimbusds.jwt.SignedJWT"})
    void isNotOnTheClassPath(String name) {
        assertThatThrownBy(() -> Class.forName(name, false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
