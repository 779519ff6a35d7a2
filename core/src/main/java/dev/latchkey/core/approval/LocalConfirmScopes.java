package dev.latchkey.core.approval;

import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
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
        try {
            return load(configFolder);
        } catch (IOException e) {
            return Set.of(); // a file that cannot be read: nothing marked here (Settings says why)
        }
    }

    /**
     * The scopes in {@code configFolder}'s file, none when there is no file; for a screen that must
     * tell a file it cannot read from an empty one.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public static Set<String> load(Path configFolder) throws IOException {
        Set<String> out = new TreeSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(configFolder.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Set.of(); // the usual case: nothing marked on this machine
        }
        for (String line : lines) {
            String s = line.strip();
            if (SCOPE.matcher(s).matches()) {
                out.add(s);
            }
        }
        return Set.copyOf(out);
    }

    /**
     * Writes {@code scopes} as the file (readable by its owner only), whole: a temporary file beside
     * it is moved over it, so a launch reading it meanwhile sees the old list or the new, never half.
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
        Path file = configFolder.resolve(FILE);
        Path tmp = configFolder.resolve(FILE + ".tmp");
        PrivateFiles.writeString(tmp, text.toString());
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether {@code text} is a scope name ({@code team/env}). */
    public static boolean isScope(String text) {
        return SCOPE.matcher(text).matches();
    }
}
