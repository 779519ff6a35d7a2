package dev.latchkey.broker.testing;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The operations of docs/broker-api.yaml, with their parameters and body schemas fully resolved. */
public final class OpenApiOperations {

    private OpenApiOperations() {
    }

    /** One operation: where, how, what it takes. */
    public record Op(String method, String path, List<Parameter> parameters, Optional<String> bodyType,
            Optional<Schema<?>> body, boolean bodyRequired) {

        public List<Parameter> in(String where) {
            return parameters.stream().filter(p -> where.equals(p.getIn())).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation of the document. */
    public static List<Op> all() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().read(ApiContract.DOCUMENT.toString(), null, options);
        List<Op> out = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                out.add(op(method, path, item, op))));
        return out;
    }

    private static Op op(PathItem.HttpMethod method, String path, PathItem item, Operation op) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            parameters.addAll(op.getParameters());
        }
        Optional<String> type = Optional.empty();
        Optional<Schema<?>> body = Optional.empty();
        boolean required = false;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            var content = op.getRequestBody().getContent().entrySet().iterator().next();
            type = Optional.of(content.getKey());
            body = Optional.ofNullable(content.getValue().getSchema());
            required = Boolean.TRUE.equals(op.getRequestBody().getRequired());
        }
        return new Op(method.name().toUpperCase(Locale.ROOT), path, parameters, type, body, required);
    }
}
