package dev.latchkey.core.launch;

import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.launch.profile.EnvValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** The values a run gives its child, by variable: plain texts, resolved secrets and sandbox tokens. */
final class ChildValues {

    private ChildValues() {
    }

    /**
     * The child's variables with their values from {@code granted}.
     *
     * @param secretsSoFar every secret value given so far, by variable; this run's are added (for the mask)
     */
    static Map<String, String> of(Map<String, EnvValue> variables, Resolution.Granted granted,
                                  Map<String, String> secretsSoFar) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, EnvValue> e : variables.entrySet()) {
            // Not a pattern switch: its first run makes a class at run time, which the AOT cache cannot hold.
            if (e.getValue() instanceof EnvValue.Plain p) {
                values.put(e.getKey(), p.text());
            } else {
                EnvValue.Reference r = (EnvValue.Reference) e.getValue();
                ResolvedSecret s = granted.secrets().get(r.ref());
                if (s == null) {
                    throw new IllegalStateException("the broker's answer lacks " + r.ref());
                }
                values.put(e.getKey(), s.value());
                secretsSoFar.put(e.getKey(), s.value());
            }
        }
        for (Map.Entry<String, SandboxToken> e : granted.sandboxTokens().entrySet()) {
            values.put(e.getKey(), e.getValue().token());
            secretsSoFar.put(e.getKey(), e.getValue().token());
        }
        return values;
    }
}
