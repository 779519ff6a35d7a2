package dev.latchkey.app.common;

import java.util.List;
import java.util.Objects;

/**
 * What a request form opens with: a scope and the secrets to tick (the one selected in the
 * browser, or the references a refused launch lacked). No secrets means the whole scope.
 */
public record AccessNeed(String scope, List<String> secrets) {

    public AccessNeed {
        Objects.requireNonNull(scope, "scope");
        secrets = List.copyOf(secrets);
    }
}
