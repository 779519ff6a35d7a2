package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.brokerapi.SecretMeta;
import dev.latchkey.core.brokerapi.SecretRef;
import java.util.Locale;

/**
 * One line of the secrets table: a secret's metadata with its scope (and the caller's access to
 * the scope as a whole; {@link SecretAccess} decides the access to this secret). Holds no value.
 * The lower-case search text is computed once so filtering 50,000 rows per keystroke is a plain scan.
 */
public record SecretRow(Scope scope, SecretMeta meta, SecretRef ref, String searchText) {

    public static SecretRow of(Scope scope, SecretMeta meta) {
        SecretRef ref = SecretRef.parse(SecretRef.PREFIX + scope.name() + "/" + meta.name());
        String search = (scope.name() + "/" + meta.name() + " " + meta.description()).toLowerCase(Locale.ROOT);
        return new SecretRow(scope, meta, ref, search);
    }
}
