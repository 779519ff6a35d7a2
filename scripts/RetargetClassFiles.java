import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a dependency jar's class files for the running JDK's class-file version, in place,
 * with the same bytecode and fresh stack maps: a JDK's AOT cache (JEP 483) leaves out classes
 * older than Java 6 ("Old class has been linked"), and picocli ships as Java 5 class files, so
 * without this every `latchkey` command loaded and verified picocli's classes from the jar.
 * Only the version and the stack maps (which class files from Java 7 on must carry) change: each
 * method's instructions are re-emitted as they are. Classes already at the version, and entries
 * that are not class files (the manifest, a versioned module-info), are copied unchanged, so a
 * second run changes nothing.
 *
 * <pre>java scripts/RetargetClassFiles.java JAR...</pre>
 */
public final class RetargetClassFiles {
    private RetargetClassFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java scripts/RetargetClassFiles.java JAR...");
            System.exit(2);
        }
        for (String arg : args) {
            Path jar = Path.of(arg);
            int changed = retarget(jar);
            System.out.println("RetargetClassFiles: " + jar.getFileName() + ": " + changed
                    + " class files rewritten for class-file version " + ClassFile.latestMajorVersion());
        }
    }

    private static int retarget(Path jar) throws IOException {
        // Every entry in its order with its time, so the same input jar gives the same bytes (the
        // packaging compares the lib/ jars that two modules ship).
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Long> times = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                times.put(entry.getName(), entry.getTime());
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), entry.isDirectory() ? null : in.readAllBytes());
                }
            }
        }
        // Stack maps name the common supertype where branches meet: the jar's own classes first.
        ClassHierarchyResolver fromJar = ClassHierarchyResolver.ofResourceParsing(
                (ClassDesc desc) -> open(entries, desc));
        ClassFile classFile = ClassFile.of(
                ClassFile.ClassHierarchyResolverOption.of(fromJar.orElse(ClassHierarchyResolver.defaultResolver())),
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
        int major = ClassFile.latestMajorVersion();
        int changed = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (entry.getValue() == null || !name.endsWith(".class") || name.startsWith("META-INF/")) {
                continue;
            }
            ClassModel model = classFile.parse(entry.getValue());
            if (model.majorVersion() >= major) {
                continue;
            }
            ClassTransform newVersion = (builder, element) -> {
                if (element instanceof ClassFileVersion) {
                    builder.withVersion(major, 0);
                } else {
                    builder.with(element);
                }
            };
            entry.setValue(classFile.transformClass(model,
                    newVersion.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))));
            changed++;
        }
        if (changed == 0) {
            return 0;
        }
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTime(times.get(entry.getKey()));
                out.putNextEntry(zipEntry);
                if (entry.getValue() != null) {
                    out.write(entry.getValue());
                }
                out.closeEntry();
            }
        }
        if (Files.getFileStore(jar).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return changed;
    }

    private static InputStream open(Map<String, byte[]> entries, ClassDesc desc) {
        String descriptor = desc.descriptorString();
        byte[] bytes = entries.get(descriptor.substring(1, descriptor.length() - 1) + ".class");
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }
}
