package dev.latchkey.app.launcher;

import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.launch.Launch;
import dev.latchkey.core.launch.LaunchSettings;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.process.ChildStarter;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Builds core's {@link Launch} for each start of one {@link RunningApp}: the child's output and
 * Latchkey's notices reach the console, and what a start is granted reaches the app, each on the UI
 * thread; the launch log, environment and working folder are the user's. Kept apart so that
 * {@link RunningApp} reads as the life of a run rather than as the settings of core's launch.
 */
final class ConsoleLaunch {

    private final LaunchProfile profile;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final SecretSource source;
    private final LocalFolders folders;

    ConsoleLaunch(LaunchProfile profile, TaskRunner tasks, Scheduler scheduler, SecretSource source, LocalFolders folders) {
        this.profile = profile;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.source = source;
        this.folders = folders;
    }

    /**
     * A new launch, not yet run.
     *
     * @param output told each piece of the child's output, already masked by core
     * @param notices told each line Latchkey itself has to say about the launch
     * @param granted told what a granted resolution gave and what of it ends
     */
    Launch next(Consumer<String> output, Consumer<String> notices, GrantedEnds.Listener granted) {
        GrantedEnds observed = new GrantedEnds(source,
                (refs, items, offline) -> tasks.onUi(() -> granted.granted(refs, items, offline)));
        LaunchSettings settings = LaunchSettings.builder().source(observed).starter(ChildStarter.pipesWithInput())
                .out(new ConsoleStream(text -> tasks.onUi(() -> output.accept(text))))
                .err(new ConsoleStream(text -> tasks.onUi(() -> output.accept(text)))).in(InputStream.nullInputStream())
                .notices(line -> tasks.onUi(() -> notices.accept(line))).clock(scheduler.clock()).log(folders.launchLog())
                .parentEnv(folders.env()).cwd(folders.home()).build();
        return new Launch(profile, settings);
    }
}
