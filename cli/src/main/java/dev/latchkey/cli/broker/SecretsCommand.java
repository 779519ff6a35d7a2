package dev.latchkey.cli.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.cli.common.Table;
import dev.latchkey.core.brokerapi.SecretMeta;
import dev.latchkey.core.brokerapi.SecretRef;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code latchkey secrets SCOPE}: the secrets of a scope, metadata only. */
@Command(name = "secrets", description = "List the secrets of a scope (names and metadata, never values).")
public final class SecretsCommand implements Callable<Integer> {

    @Mixin
    Inherited cli;

    @Parameters(paramLabel = "SCOPE", description = "team/env, such as payments/dev")
    String scope;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        SecretRef.checkScope(scope);
        table(scope, cli.client().secrets(scope)).print(json.on(), cli.out());
        return 0;
    }

    static Table<SecretMeta> table(String scope, List<SecretMeta> secrets) {
        return Table.of(secrets, (SecretMeta s) -> json(scope, s))
                .left("REFERENCE", 40, s -> ref(scope, s))
                .right("VER", 4, SecretMeta::version)
                .last("DESCRIPTION", SecretMeta::description);
    }

    private static ObjectNode json(String scope, SecretMeta s) {
        ObjectNode o = Json.object();
        o.put("name", s.name());
        o.put("ref", ref(scope, s));
        o.put("description", s.description());
        o.put("version", s.version());
        s.updated().ifPresent(t -> o.put("updatedAt", t.toString()));
        s.rotationDue().ifPresent(t -> o.put("rotationDue", t.toString()));
        return o;
    }

    private static String ref(String scope, SecretMeta s) {
        return "latchkey://" + scope + "/" + s.name();
    }
}
