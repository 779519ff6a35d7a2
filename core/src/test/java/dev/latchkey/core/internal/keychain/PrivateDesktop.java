package dev.latchkey.core.internal.keychain;

import dev.latchkey.testsupport.RealParts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A desktop of its own for one Secret Service under test: a home folder, an X display (Xvfb)
 * for the keychain's dialogs, and a D-Bus session bus that nothing else uses. Programs started
 * through {@link #process} see only this desktop; the test answers dialogs as a person would,
 * by typing into them ({@code xdotool}).
 */
final class PrivateDesktop implements AutoCloseable {

    private final Path dir;
    private final Process xvfb;
    private final Process bus;
    private final String display;
    private final String busAddress;
    private final List<Process> started = new ArrayList<>();

    private PrivateDesktop(Path dir, Process xvfb, String display, Process bus, String busAddress) {
        this.dir = dir;
        this.xvfb = xvfb;
        this.display = display;
        this.bus = bus;
        this.busAddress = busAddress;
    }

    /** The programs a desktop needs, each with the Debian package that has it. */
    static void requireTools(String... more) {
        List<String> missing = new ArrayList<>();
        List<String> tools = new ArrayList<>(List.of("Xvfb:xvfb", "dbus-daemon:dbus", "dbus-send:dbus", "xdotool:xdotool"));
        tools.addAll(List.of(more));
        for (String tool : tools) {
            String[] t = tool.split(":");
            if (!onPath(t[0])) {
                missing.add(t[0] + " (Debian package " + t[1] + ")");
            }
        }
        if (!missing.isEmpty()) {
            RealParts.missing("a private desktop for a Secret Service needs " + String.join(", ", missing));
        }
    }

    /**
     * Starts a display and a bus. With {@code standardServices} the bus may start the desktop's
     * own helpers on demand (gnome-keyring's password prompter); without, nothing is there but
     * what the test starts.
     */
    static PrivateDesktop start(String name, boolean standardServices) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("latchkey-" + name + "-");
        for (String sub : List.of("home/.config", "home/.local/share", "home/.cache", "run", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.setPosixFilePermissions(dir.resolve("run"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "1280x800x24")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String display = ":" + firstLine(xvfb, "Xvfb");
        Path conf = dir.resolve("bus.conf");
        Files.writeString(conf, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:dir=%s</listen>
                  <auth>EXTERNAL</auth>
                  %s
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("run"), standardServices ? "<standard_session_servicedirs/>" : ""));
        ProcessBuilder busBuilder = new ProcessBuilder("dbus-daemon", "--nofork", "--print-address=1", "--config-file=" + conf)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        busBuilder.environment().put("DISPLAY", display);
        Process bus = busBuilder.start();
        String address = firstLine(bus, "dbus-daemon");
        PrivateDesktop desktop = new PrivateDesktop(dir, xvfb, display, bus, address);
        // A test JVM that is stopped half-way leaves no X server, bus or keychain running.
        Runtime.getRuntime().addShutdownHook(new Thread(desktop::stopAll, "private-desktop-cleanup"));
        return desktop;
    }

    /** Where this desktop keeps its files. */
    Path dir() {
        return dir;
    }

    Path home() {
        return dir.resolve("home");
    }

    String busAddress() {
        return busAddress;
    }

    /** The environment of a program on this desktop: its HOME, display and session bus only. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("HOME", home().toString());
        env.put("XDG_CONFIG_HOME", home().resolve(".config").toString());
        env.put("XDG_DATA_HOME", home().resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", home().resolve(".cache").toString());
        env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        // KeePassXC allows one instance per temporary folder: each desktop has its own.
        env.put("TMPDIR", dir.resolve("tmp").toString());
        env.put("DISPLAY", display);
        env.put("DBUS_SESSION_BUS_ADDRESS", busAddress);
        return env;
    }

    /** A program on this desktop; it is stopped with the desktop. */
    ProcessBuilder process(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env());
        return pb;
    }

    synchronized Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Runs {@code command} to its end (at most 30 s); its output, or an error naming it. */
    String run(String... command) throws IOException, InterruptedException {
        return runWithInput(null, command);
    }

    /** The same, with {@code stdin} as the program's input. */
    String runWithInput(String stdin, String... command) throws IOException, InterruptedException {
        Process p = process(List.of(command)).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 30 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
        }
        return out;
    }

    /** Calls a D-Bus method on this desktop's bus; the reply as dbus-send prints it. */
    String call(String destination, String path, String interfaceAndMethod, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dbus-send", "--bus=" + busAddress, "--print-reply",
                "--dest=" + destination, path, interfaceAndMethod));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Whether the collection at {@code path} says it is locked, or empty while nothing answers there. */
    Optional<Boolean> locked(String path) throws InterruptedException {
        try {
            String reply = call("org.freedesktop.secrets", path, "org.freedesktop.DBus.Properties.Get",
                    "string:org.freedesktop.Secret.Collection", "string:Locked");
            return Optional.of(reply.contains("boolean true"));
        } catch (IOException | AssertionError notYet) {
            return Optional.empty();
        }
    }

    /** Waits until the default collection answers and is unlocked (a keychain just started). */
    void awaitUnlockedDefaultCollection(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (locked("/org/freedesktop/secrets/aliases/default").equals(Optional.of(false))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the Secret Service's default collection was not there and unlocked within " + limit);
    }

    /** The id of the visible window whose title matches {@code title}, once it is there. */
    String awaitWindow(String title, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Optional<String> w = window(title);
            if (w.isPresent()) {
                return w.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no window titled " + title + " appeared within " + limit);
    }

    /** The visible window whose title matches {@code title}. */
    Optional<String> window(String title) throws IOException, InterruptedException {
        return search("--name", title);
    }

    /** The id of the visible window of the program whose X class is {@code windowClass}, once it is there. */
    String awaitWindowOfClass(String windowClass, Duration limit) throws IOException, InterruptedException {
        return awaitWindowOfClassOtherThan(windowClass, "", limit);
    }

    /** The visible window of the program whose X class is {@code windowClass}, if one is there now. */
    Optional<String> windowOfClass(String windowClass) throws IOException, InterruptedException {
        return search("--class", windowClass);
    }

    /**
     * The same, for a window other than {@code before}: the next dialog of a program whose previous
     * one may still be on screen for a moment after it was answered.
     */
    String awaitWindowOfClassOtherThan(String windowClass, String before, Duration limit)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Optional<String> w = searchAll("--class", windowClass).stream().filter(id -> !id.equals(before)).findFirst();
            if (w.isPresent()) {
                return w.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + (before.isEmpty() ? "" : "other ") + "window of " + windowClass
                + " appeared within " + limit);
    }

    private Optional<String> search(String by, String what) throws IOException, InterruptedException {
        return searchAll(by, what).stream().findFirst();
    }

    private List<String> searchAll(String by, String what) throws IOException, InterruptedException {
        Process p = process(List.of("xdotool", "search", "--onlyvisible", by, what)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().toList();
    }

    /** Clicks at ({@code x}, {@code y}) inside {@code window}. */
    void click(String window, int x, int y) throws IOException, InterruptedException {
        run("xdotool", "mousemove", "--window", window, Integer.toString(x), Integer.toString(y), "click", "1");
    }

    /** Types {@code text} into {@code window} and presses {@code keys}, as a person at the keyboard. */
    void typeInto(String window, String text, String... keys) throws IOException, InterruptedException {
        // No window manager here: give the dialog the keyboard focus first.
        run("xdotool", "windowfocus", "--sync", window);
        if (!text.isEmpty()) {
            run("xdotool", "type", "--delay", "30", text);
        }
        for (String key : keys) {
            run("xdotool", "key", key);
        }
    }

    @Override
    public void close() throws IOException {
        stopAll();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private synchronized void stopAll() {
        for (Process p : started.reversed()) {
            stop(p);
        }
        stop(bus);
        stop(xvfb);
    }

    static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static String firstLine(Process p, String what) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || line.isBlank()) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not start");
        }
        return line.strip();
    }
}
