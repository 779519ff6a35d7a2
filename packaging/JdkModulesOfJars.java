import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Sorts jars for packaging/build.sh, which runs this with {@code java JdkModulesOfJars.java
 * <jar>...} (a single-file program: one JVM for all jars instead of one per jar).
 *
 * <p>jdeps cannot analyse a modular jar without resolving everything it requires, and the
 * jars of a class-path application do not always resolve as modules (two jars claiming one
 * module name, modules missing from the class path). A modular jar does not need analysing,
 * though: its module descriptor lists the JDK modules it needs. So this prints:
 * <pre>
 * jdk-modules: java.logging,java.sql,...   JDK modules the modular jars require (not static)
 * plain: &lt;jar&gt;                               one line per jar without a module descriptor,
 *                                          for jdeps to analyse
 * </pre>
 */
public final class JdkModulesOfJars {

    private JdkModulesOfJars() {
    }

    public static void main(String[] args) {
        Set<String> jdkModules = ModuleFinder.ofSystem().findAll().stream()
                .map(reference -> reference.descriptor().name())
                .collect(Collectors.toSet());
        Set<String> required = new TreeSet<>();
        StringBuilder plain = new StringBuilder();
        for (String jar : args) {
            ModuleDescriptor descriptor = descriptorOf(Path.of(jar));
            if (descriptor == null || descriptor.isAutomatic()) {
                plain.append("plain: ").append(jar).append('\n');
                continue;
            }
            for (ModuleDescriptor.Requires requires : descriptor.requires()) {
                // "requires static" is optional at run time: the jar copes without it.
                if (!requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)
                        && jdkModules.contains(requires.name())) {
                    required.add(requires.name());
                }
            }
        }
        System.out.println("jdk-modules: " + String.join(",", required));
        System.out.print(plain);
    }

    /** The jar's module descriptor, or null when it has none that a module finder accepts. */
    private static ModuleDescriptor descriptorOf(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream()
                    .map(ModuleReference::descriptor)
                    .findFirst()
                    .orElse(null);
        } catch (FindException e) {
            return null; // e.g. a file name that makes no valid automatic module name
        }
    }
}
