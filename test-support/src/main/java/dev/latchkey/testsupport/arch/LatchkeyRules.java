package dev.latchkey.testsupport.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Set;

/**
 * The rules every Latchkey module's architecture test applies, kept in one place so a module states
 * only what is its own (JabRef's pattern). Rules match by pattern, never by a list of today's
 * packages, so a package added tomorrow is guarded too.
 */
public final class LatchkeyRules {

    /** The calls that create or fill a file. Directories and permissions are not content. */
    private static final Set<String> FILES_WRITES = Set.of("write", "writeString", "newOutputStream",
            "newBufferedWriter", "newByteChannel", "createFile", "createTempFile", "copy", "move");
    private static final Set<String> FILE_STREAMS = Set.of("java.io.FileOutputStream", "java.io.FileWriter",
            "java.io.RandomAccessFile");
    private static final Set<String> PRINTERS = Set.of("java.io.PrintStream", "java.io.PrintWriter");

    private LatchkeyRules() {
    }

    /**
     * No cycle between the packages directly under {@code root}, the root's own classes counting as
     * one more package: the root is where a module's facade sits, so nothing below may lean on it.
     * A package under {@code root.internal} counts as the concern it serves ({@code internal.auth}
     * with {@code auth}).
     */
    public static ArchRule noPackageCycles(String root) {
        return slices().assignedFrom(new FirstLevelPackages(root)).should().beFreeOfCycles()
                .because("a cycle makes two packages one; each package is one concern (STYLE.md)");
    }

    /**
     * The app and the CLI use core only through the packages its module descriptor exports: nothing
     * under {@code dev.latchkey.core.internal}, which may change in any release. The listed classes
     * are the known exceptions left to shrink; a new use of any other internal class fails.
     *
     * @param allowed fully qualified names of the internal classes still used, each with a comment why
     */
    public static ArchRule onlyCoreApi(String... allowed) {
        Set<String> listed = Set.of(allowed);
        DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("are core internals (dev.latchkey.core.internal..)",
                c -> c.getPackageName().startsWith("dev.latchkey.core.internal")
                        && !listed.contains(c.getName()) && !listed.contains(outermost(c).getName()));
        return noClasses().that().resideOutsideOfPackage("dev.latchkey.core..")
                .should().dependOnClassesThat(internal)
                .because("core's API is its exported packages (core/src/main/java/module-info.java, listed in "
                        + "core/api/latchkey-core.api); its internals change without notice");
    }

    /** View models hold state and logic the tests drive without a window. */
    public static ArchRule viewModelsKnowNoScene() {
        return noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("a view model is tested without a window and drawn by any view (MVVM)");
    }

    /**
     * Only the named classes write files: the zero-disk invariant (DESIGN.md) as a rule. A new
     * writer must be added here knowingly, and each listed one has a test that no value reaches
     * what it writes.
     *
     * @param writers fully qualified names of the classes allowed to write
     */
    public static ArchRule onlyTheseWriteFiles(String... writers) {
        Set<String> allowed = Set.of(writers);
        DescribedPredicate<JavaClass> listed = DescribedPredicate.describe("are listed writers",
                c -> allowed.contains(c.getName()) || allowed.contains(outermost(c).getName()));
        return noClasses().that(DescribedPredicate.not(listed)).should().accessTargetWhere(writesAFile())
                .because("nothing secret is ever written to disk; the few writers are known and tested (DESIGN.md)");
    }

    private static DescribedPredicate<JavaAccess<?>> writesAFile() {
        return DescribedPredicate.describe("writes a file", access -> {
            String owner = access.getTargetOwner().getName();
            String name = access.getName();
            if (owner.equals("java.nio.file.Files")) {
                return FILES_WRITES.contains(name);
            }
            if (owner.equals("java.nio.channels.FileChannel")) {
                return name.equals("open");
            }
            if (!name.equals(JavaConstructor.CONSTRUCTOR_NAME)) {
                return false;
            }
            if (FILE_STREAMS.contains(owner)) {
                return true;
            }
            // PrintStream and PrintWriter open a file when given a File or a file name first.
            List<JavaClass> params = access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget t
                    ? t.getRawParameterTypes() : List.of();
            return PRINTERS.contains(owner) && !params.isEmpty()
                    && Set.of("java.io.File", "java.lang.String").contains(params.getFirst().getName());
        });
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass at = c;
        while (at.getEnclosingClass().isPresent()) {
            at = at.getEnclosingClass().get();
        }
        return at;
    }

    /** Each package directly under the root is a slice; the root's own classes are one more. */
    private record FirstLevelPackages(String root) implements SliceAssignment {

        private static final String INTERNAL = "internal.";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (pkg.equals(root)) {
                return SliceIdentifier.of(root + " (its own classes)");
            }
            if (pkg.startsWith(root + ".")) {
                String rest = pkg.substring(root.length() + 1);
                // A concern's machinery under internal belongs to the concern: internal.auth is auth.
                rest = rest.startsWith(INTERNAL) ? rest.substring(INTERNAL.length()) : rest;
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(root + "." + (dot < 0 ? rest : rest.substring(0, dot)));
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages directly under " + root;
        }
    }
}
