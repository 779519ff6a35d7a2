package dev.latchkey.core.guard;

import java.nio.file.Path;
import java.util.List;

/**
 * A repository the guard was installed in.
 *
 * @param folder the repository's top folder
 * @param hooks the folder its hooks are in (honours {@code core.hooksPath})
 * @param installed whether Latchkey's hooks are there now (false when someone removed them)
 * @param chained hooks that were there before and now run first, such as {@code pre-commit}
 */
public record GuardedRepository(Path folder, Path hooks, boolean installed, List<String> chained) {

    public GuardedRepository {
        chained = List.copyOf(chained);
    }
}
