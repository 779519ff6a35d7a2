package dev.latchkey.cli.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.brokerapi.SecretMeta;
import dev.latchkey.core.brokerapi.SecretRef;
import java.io.PrintWriter;
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
        List<SecretMeta> secrets = cli.client().secrets(scope);
        PrintWriter out = cli.out();
        if (json.on()) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (SecretMeta s : secrets) {
                ObjectNode o = arr.addObject();
                o.put("name", s.name());
                o.put("ref", "latchkey://" + scope + "/" + s.name());
                o.put("description", s.description());
                o.put("version", s.version());
                s.updated().ifPresent(t -> o.put("updatedAt", t.toString()));
                s.rotationDue().ifPresent(t -> o.put("rotationDue", t.toString()));
            }
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        } else {
            out.printf("%-40s  %4s  %s%n", "REFERENCE", "VER", "DESCRIPTION");
            for (SecretMeta s : secrets) {
                out.printf("%-40s  %4d  %s%n", "latchkey://" + scope + "/" + s.name(), s.version(), s.description());
            }
        }
        out.flush();
        return 0;
    }
}
