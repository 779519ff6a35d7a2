package dev.latchkey.core.launch.profile;

import dev.latchkey.core.brokerapi.SecretRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one launch needs to know, from a {@code latchkey.toml} profile, the command line, or both.
 *
 * @param name the profile's name, or {@code "(command line)"} when none was used
 * @param command the program and its arguments; never holds a value
 * @param workingFolder where the child starts; empty for the current folder
 * @param envFiles env templates, read in order (later files and {@code env} win)
 * @param env extra variables: references or plain values
 * @param sandboxes sandbox tokens to mint, by variable
 * @param mask replace values in the child's output with {@code <latchkey:NAME>}
 * @param pristine pass only a minimal base environment plus the profile's variables
 * @param onExpiry what to do when a credential ends during the run
 */
public record LaunchProfile(
        String name,
        List<String> command,
        Optional<Path> workingFolder,
        List<Path> envFiles,
        Map<String, EnvValue> env,
        Map<String, SandboxRequest> sandboxes,
        boolean mask,
        boolean pristine,
        OnExpiry onExpiry) {

    /** The name a launch gets when no profile was named. */
    public static final String COMMAND_LINE = "(command line)";

    public LaunchProfile {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(workingFolder, "workingFolder");
        envFiles = List.copyOf(envFiles);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        sandboxes = Collections.unmodifiableMap(new LinkedHashMap<>(sandboxes));
        Objects.requireNonNull(onExpiry, "onExpiry");
    }

    /** A profile for just a command: masking on, inherited environment, warn on expiry. */
    public static LaunchProfile forCommand(List<String> command) {
        return new LaunchProfile(COMMAND_LINE, command, Optional.empty(), List.of(), Map.of(), Map.of(),
                true, false, OnExpiry.WARN);
    }

    /** This profile with another command (and arguments). */
    public LaunchProfile withCommand(List<String> newCommand) {
        return new LaunchProfile(name, newCommand, workingFolder, envFiles, env, sandboxes, mask, pristine, onExpiry);
    }

    /** This profile with more env files, read after its own. */
    public LaunchProfile plusEnvFiles(List<Path> more) {
        List<Path> all = new ArrayList<>(envFiles);
        all.addAll(more);
        return new LaunchProfile(name, command, workingFolder, all, env, sandboxes, mask, pristine, onExpiry);
    }

    /** This profile with more variables (they win over the profile's own). */
    public LaunchProfile plusEnv(Map<String, EnvValue> more) {
        Map<String, EnvValue> all = new LinkedHashMap<>(env);
        all.putAll(more);
        return new LaunchProfile(name, command, workingFolder, envFiles, all, sandboxes, mask, pristine, onExpiry);
    }

    /** This profile with more sandbox tokens. */
    public LaunchProfile plusSandboxes(Map<String, SandboxRequest> more) {
        Map<String, SandboxRequest> all = new LinkedHashMap<>(sandboxes);
        all.putAll(more);
        return new LaunchProfile(name, command, workingFolder, envFiles, env, all, mask, pristine, onExpiry);
    }

    /** This profile with the given switches. */
    public LaunchProfile with(boolean newMask, boolean newPristine, OnExpiry newOnExpiry) {
        return new LaunchProfile(name, command, workingFolder, envFiles, env, sandboxes, newMask, newPristine, newOnExpiry);
    }

    /**
     * The variables of this launch: env files in order, then {@code env}. Reads the env files.
     *
     * @throws LaunchFileException when an env file cannot be read or parsed
     */
    public Map<String, EnvValue> variables() {
        Map<String, EnvValue> all = new LinkedHashMap<>();
        for (Path file : envFiles) {
            all.putAll(EnvTemplate.read(file).variables());
        }
        all.putAll(env);
        return all;
    }

    /** The distinct references among {@code variables}, in first-use order. */
    public static Set<SecretRef> refsOf(Map<String, EnvValue> variables) {
        Set<SecretRef> refs = new LinkedHashSet<>();
        for (EnvValue v : variables.values()) {
            if (v instanceof EnvValue.Reference(SecretRef ref)) {
                refs.add(ref);
            }
        }
        return refs;
    }
}
