package dev.latchkey.core.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public and protected signatures of the packages core's module descriptor exports, one
 * block per type, sorted, so two builds of the same code give the same text (OkHttp's
 * {@code okhttp.api}). Read from the compiled classes, so it lists what callers can reach, not
 * what the source looks like.
 */
final class ApiListing {

    private ApiListing() {
    }

    /** The listing of the module whose compiled classes (with {@code module-info.class}) are in {@code classes}. */
    static String of(Path classes) {
        Set<String> exported = exportedPackages(classes);
        List<String> blocks = new ArrayList<>();
        for (Class<?> type : types(classes, exported)) {
            blocks.add(block(type));
        }
        return String.join("\n", blocks);
    }

    private static Set<String> exportedPackages(Path classes) {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read module-info.class in " + classes, e);
        }
    }

    private static List<Class<?>> types(Path classes, Set<String> exported) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(name -> exported.contains(name.substring(0, name.lastIndexOf('.'))))
                    .sorted()
                    .map(ApiListing::load)
                    .filter(ApiListing::visible)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classes, e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiListing.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class " + name + " is not on the test class path", e);
        }
    }

    /** A type callers can name: public or protected, and so is every type around it. */
    private static boolean visible(Class<?> type) {
        for (Class<?> at = type; at != null; at = at.getDeclaringClass()) {
            if (at.isSynthetic() || at.isAnonymousClass() || at.isLocalClass() || !reachable(at.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean reachable(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String block(Class<?> type) {
        StringBuilder out = new StringBuilder(header(type)).append(" {\n");
        TreeSet<String> members = new TreeSet<>();
        Stream.of(type.getDeclaredConstructors()).filter(ApiListing::listed).forEach(c -> members.add(c.toGenericString()));
        Stream.of(type.getDeclaredMethods()).filter(m -> listed(m) && !m.isBridge())
                .forEach(m -> members.add(m.toGenericString()));
        Stream.of(type.getDeclaredFields()).filter(ApiListing::listed).forEach(f -> members.add(f.toGenericString()));
        members.forEach(m -> out.append("  ").append(m).append('\n'));
        return out.append("}\n").toString();
    }

    private static boolean listed(Member member) {
        return !member.isSynthetic() && reachable(member.getModifiers());
    }

    private static String header(Class<?> type) {
        StringBuilder out = new StringBuilder(type.toGenericString());
        Type parent = type.getGenericSuperclass();
        if (parent != null && parent != Object.class && !type.isEnum() && !type.isRecord()) {
            out.append(" extends ").append(parent.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            out.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return out.toString();
    }
}
