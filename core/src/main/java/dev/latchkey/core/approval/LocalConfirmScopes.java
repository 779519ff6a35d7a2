package dev.latchkey.core.approval;

import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The scopes the user asked, on this machine, to confirm before a launch reads them, whatever the
 * broker's policy says: the file {@code confirm-scopes} in Latchkey's config folder, one scope
 * ({@code team/env}) a line, {@code #} comments. Names only; never a value.
 */
public final class LocalConfirmScopes {

    /** The file's name in the config folder. */
    public static final String FILE = "confirm-scopes";
    private static final Pattern SCOPE = Pattern.compile("[a-z0-9._-]+/[a-z0-9._-]+");

    private LocalConfirmScopes() {
    }

    /** The scopes in {@code configFolder}'s file; none when there is no file or it cannot be read. */
    public static Set<String> read(Path configFolder) {
        Set<String> out = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(configFolder.resolve(FILE), StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (SCOPE.matcher(s).matches()) {
                    out.add(s);
                }
            }
        } catch (IOException e) {
            return Set.of(); // no file (the usual case), or one that cannot be read: nothing marked here
        }
        return Set.copyOf(out);
    }

    /**
     * Writes {@code scopes} as the file (readable by its owner only).
     *
     * @throws IllegalArgumentException naming the first entry that is not {@code team/env}
     */
    public static void write(Path configFolder, Collection<String> scopes) throws IOException {
        Set<String> sorted = new TreeSet<>();
        for (String s : scopes) {
            String scope = s.strip();
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("'" + scope + "' is not a scope; write it as team/env, such as payments/prod");
            }
            sorted.add(scope);
        }
        StringBuilder text = new StringBuilder("# Scopes Latchkey asks about before a launch reads them (one team/env a line).\n");
        sorted.forEach(s -> text.append(s).append('\n'));
        PrivateFiles.writeString(configFolder.resolve(FILE), text.toString());
    }

    /** Whether {@code text} is a scope name ({@code team/env}). */
    public static boolean isScope(String text) {
        return SCOPE.matcher(text).matches();
    }
}
