package dev.latchkey.testsupport.keycloak;

import dev.latchkey.testsupport.RealParts;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one Keycloak of this test run: started by the first test that asks, stopped
 * when the run ends (JUnit closes what the root store holds).
 */
public final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Object started = context.getRoot().getStore(NS).getOrComputeIfAbsent("keycloak", k -> {
            try {
                return KeycloakServer.start();
            } catch (Exception | Error e) {
                return e;
            }
        });
        if (started instanceof Throwable failed) {
            RealParts.missing("Keycloak could not be started: " + failed.getMessage());
        }
        return started;
    }
}
