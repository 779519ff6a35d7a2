package dev.latchkey.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.Latchkey;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * core's public API, as compiled, matches the checked-in listing {@code core/api/latchkey-core.api},
 * so every change to the API shows in review. After an intended change, rewrite the listing with
 * {@code -Dlatchkey.api.update=true} and commit it with the change.
 */
class ApiListingTest {

    /**
     * Internal types an exported signature still names, each with the change that ends it. javac
     * warns about these (-Xlint:exports), so a use must also be suppressed where it is declared.
     * None is left.
     */
    private static final List<String> KNOWN_LEAKS = List.of();

    private static final Path LISTING = Path.of("api", "latchkey-core.api");
    private static final String UPDATE = "mvn -B -pl core -am test -Dtest=ApiListingTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dlatchkey.api.update=true";

    @Test
    void theCompiledApiMatchesTheCheckedInListing() throws IOException, URISyntaxException {
        String compiled = ApiListing.of(Path.of(Latchkey.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        if (Boolean.getBoolean("latchkey.api.update")) {
            Files.createDirectories(LISTING.getParent());
            Files.writeString(LISTING, compiled);
        }
        String checkedIn = Files.exists(LISTING) ? Files.readString(LISTING) : "";
        assertThat(compiled)
                .withFailMessage(() -> "core's public API differs from core/api/latchkey-core.api:\n" + difference(checkedIn, compiled)
                        + "\nIf the change is intended, rewrite the listing and commit it with the change:\n  " + UPDATE)
                .isEqualTo(checkedIn);
    }

    @Test
    void theApiNamesNoInternalTypeButTheKnownOnes() throws IOException, URISyntaxException {
        String compiled = ApiListing.of(Path.of(Latchkey.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        List<String> leaks = compiled.lines().filter(l -> l.contains("dev.latchkey.core.internal."))
                .filter(l -> KNOWN_LEAKS.stream().noneMatch(l::contains)).toList();
        assertThat(leaks).as("exported signatures that name internal types").isEmpty();
        assertThat(compiled).contains("public final class dev.latchkey.core.Session");
    }

    /** The lines only one side has, marked as a diff would, so the failure says what changed. */
    private static String difference(String before, String after) {
        Set<String> old = new LinkedHashSet<>(before.lines().toList());
        Set<String> now = new LinkedHashSet<>(after.lines().toList());
        List<String> out = new ArrayList<>();
        old.stream().filter(l -> !now.contains(l)).forEach(l -> out.add("- " + l));
        now.stream().filter(l -> !old.contains(l)).forEach(l -> out.add("+ " + l));
        return String.join("\n", out);
    }
}
