package dev.latchkey.core.internal.keychain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the answer of {@code secret-tool search --all service S}: every item of one service, its
 * secret on standard output ({@code [path]}, {@code label = }, {@code secret = }, {@code created = },
 * {@code modified = }) and its attributes on standard error ({@code attribute.K = V}), item by item
 * in the same order. The answer is taken only when it reads plainly: every block exactly in that
 * shape (a secret or label holding a line break shows as a line out of place, a locked item as a
 * block without its secret), every item with exactly one {@code service} and one {@code account}
 * attribute, as many attribute groups as blocks, and no account twice. Anything else is empty, and
 * the caller reads entry by entry.
 */
final class SecretToolSearch {

    private SecretToolSearch() {
    }

    /** Account to secret for every item of {@code service}; empty unless the answer reads plainly. */
    static Optional<Map<String, String>> parse(String service, String out, String err) {
        List<String> secrets = secrets(out);
        List<Map<String, String>> groups = attributeGroups(err);
        if (secrets == null || groups == null || secrets.size() != groups.size()) {
            return Optional.empty();
        }
        Map<String, String> byAccount = new HashMap<>();
        for (int i = 0; i < secrets.size(); i++) {
            Map<String, String> attributes = groups.get(i);
            String account = attributes.get("account");
            if (!service.equals(attributes.get("service")) || account == null || byAccount.containsKey(account)) {
                return Optional.empty();
            }
            byAccount.put(account, secrets.get(i));
        }
        return Optional.of(byAccount);
    }

    /** The secrets of the blocks in order, or null when a block is not in the expected shape. */
    private static List<String> secrets(String out) {
        List<String> lines = out.lines().toList();
        if (!out.isEmpty() && !out.endsWith("\n")) {
            return null;
        }
        List<String> secrets = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (i + 5 > lines.size() || !lines.get(i).startsWith("[") || !lines.get(i).endsWith("]")
                    || !lines.get(i + 1).startsWith("label = ") || !lines.get(i + 2).startsWith("secret = ")
                    || !lines.get(i + 3).startsWith("created = ") || !lines.get(i + 4).startsWith("modified = ")) {
                return null;
            }
            secrets.add(lines.get(i + 2).substring("secret = ".length()));
            i += 5;
            // Newer versions may add a schema line after the times.
            if (i < lines.size() && lines.get(i).startsWith("schema = ")) {
                i++;
            }
        }
        return secrets;
    }

    /**
     * The attribute groups in order: a group ends where one of its keys comes again. Only plain
     * {@code attribute.K = V} lines; every group must hold one service and one account, which
     * makes the split exact (each item has each key once).
     */
    private static List<Map<String, String>> attributeGroups(String err) {
        List<Map<String, String>> groups = new ArrayList<>();
        Map<String, String> group = null;
        Set<String> keys = new HashSet<>();
        for (String line : err.lines().toList()) {
            int eq = line.indexOf(" = ");
            if (!line.startsWith("attribute.") || eq < 0) {
                return null;
            }
            String key = line.substring("attribute.".length(), eq);
            if (group == null || keys.contains(key)) {
                group = new HashMap<>();
                keys = new HashSet<>();
                groups.add(group);
            }
            keys.add(key);
            group.put(key, line.substring(eq + " = ".length()));
        }
        for (Map<String, String> g : groups) {
            if (!g.containsKey("service") || !g.containsKey("account")) {
                return null;
            }
        }
        return groups;
    }
}
