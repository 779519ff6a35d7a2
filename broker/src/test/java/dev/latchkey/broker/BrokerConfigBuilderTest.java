package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.server.ServerLimits;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builder is the one place a configuration is assembled; each {@code with...} changes its own component only. */
class BrokerConfigBuilderTest {

    /** A value for each component that differs from every default. */
    private static final Map<String, Object> CHANGED = Map.ofEntries(
            Map.entry("host", "0.0.0.0"),
            Map.entry("port", 9443),
            Map.entry("devMode", true),
            Map.entry("clock", Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC)),
            Map.entry("devTokenTtl", Duration.ofSeconds(61)),
            Map.entry("devDeviceCodeTtl", Duration.ofSeconds(62)),
            Map.entry("devPollInterval", Duration.ofSeconds(7)),
            Map.entry("issuer", Optional.of(URI.create("https://sso.example.com/realms/acme"))),
            Map.entry("clientId", "other-client"),
            Map.entry("groupsClaim", "roles"),
            Map.entry("policyFile", Optional.of(Path.of("policy.yaml"))),
            Map.entry("database", Optional.of("jdbc:h2:mem:x")),
            Map.entry("masterKey", Optional.of(new MasterKeySource.EnvVar("KEY"))),
            Map.entry("tls", Optional.of(new TlsConfig(Path.of("k.p12"), new char[] {'x'}))),
            Map.entry("insecureHttp", true),
            Map.entry("bulkSecrets", 3),
            Map.entry("grantWarning", Duration.ofMinutes(3)),
            Map.entry("signIn", SignIn.DEFAULT.withOfflineAccess(true)),
            Map.entry("limits", ServerLimits.DEFAULTS.withConnectionsPerAddress(7)));

    @Test
    void everyComponentHasABuilderSetterAndAWitherThatChangeItAlone() throws Exception {
        BrokerConfig base = BrokerConfig.builder().build();
        assertThat(CHANGED).containsOnlyKeys(names());
        for (RecordComponent c : BrokerConfig.class.getRecordComponents()) {
            Object value = CHANGED.get(c.getName());
            assertThat(c.getAccessor().invoke(base)).as(c.getName() + " starts at its default").isNotEqualTo(value);

            Method setter = BrokerConfigBuilder.class.getMethod(c.getName(), c.getType());
            BrokerConfig built = ((BrokerConfigBuilder) setter.invoke(base.toBuilder(), value)).build();
            assertOnlyChanged(base, built, c.getName());

            if (!c.getName().equals("devMode")) {
                Object plain = value instanceof Optional<?> o ? o.orElseThrow() : value;
                Method wither = BrokerConfig.class.getMethod("with" + Character.toUpperCase(c.getName().charAt(0))
                        + c.getName().substring(1), unboxed(plain.getClass(), c.getType()));
                assertOnlyChanged(base, (BrokerConfig) wither.invoke(base, plain), c.getName());
            }
        }
    }

    @Test
    void theBuilderChecksWhatTheConfigurationChecks() {
        assertThatThrownBy(() -> BrokerConfig.builder().port(70_000).build()).hasMessageContaining("port must be 0..65535");
        assertThatThrownBy(() -> BrokerConfig.builder().grantWarning(Duration.ofMinutes(-1)).build())
                .hasMessageContaining("grantWarning must not be negative");
        assertThatThrownBy(() -> BrokerConfig.builder().clock(null).build()).isInstanceOf(NullPointerException.class);
        assertThat(BrokerConfig.dev()).isEqualTo(BrokerConfig.builder().port(0).devMode(true).build());
    }

    private static void assertOnlyChanged(BrokerConfig before, BrokerConfig after, String changed) throws Exception {
        for (RecordComponent c : BrokerConfig.class.getRecordComponents()) {
            Object was = c.getAccessor().invoke(before);
            Object now = c.getAccessor().invoke(after);
            if (c.getName().equals(changed)) {
                assertThat(now).as(changed).isEqualTo(CHANGED.get(changed));
            } else {
                assertThat(now).as(c.getName() + " kept while " + changed + " changed").isEqualTo(was);
            }
        }
    }

    private static String[] names() {
        RecordComponent[] cs = BrokerConfig.class.getRecordComponents();
        String[] out = new String[cs.length];
        for (int i = 0; i < cs.length; i++) {
            out[i] = cs[i].getName();
        }
        return out;
    }

    private static Class<?> unboxed(Class<?> valueType, Class<?> componentType) {
        if (componentType.isPrimitive()) {
            return componentType;
        }
        for (Class<?> t : new Class<?>[] {String.class, Clock.class, Duration.class, URI.class, Path.class,
                MasterKeySource.class, TlsConfig.class, SignIn.class,
                ServerLimits.class}) {
            if (t.isAssignableFrom(valueType)) {
                return t;
            }
        }
        throw new AssertionError("no wither parameter type for " + valueType);
    }
}
