package dev.latchkey.cli.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code latchkey run} was asked for, whoever read the words: picocli ({@link RunCommand})
 * or the launch's own reader ({@link RunArgs}), which a test holds to the same answers.
 *
 * @param broker {@code --broker}, or null
 * @param debug whether {@code --debug} was given
 * @param profile {@code --profile}, or null
 * @param project {@code --project}, or null
 * @param envFiles each {@code --env-file}, in order
 * @param env each {@code --env}, in order
 * @param sandboxes each {@code --sandbox}, in order
 * @param noMask {@code --no-mask}
 * @param pristine {@code --pristine}
 * @param onExpiry {@code --on-expiry}, or null
 * @param refreshEndpoint {@code --refresh-endpoint}
 * @param command the command and its arguments
 */
public record RunOptions(String broker, boolean debug, String profile, Path project, List<Path> envFiles, List<String> env,
                         List<String> sandboxes, boolean noMask, boolean pristine, String onExpiry, boolean refreshEndpoint,
                         List<String> command) {

    public RunOptions {
        envFiles = List.copyOf(envFiles);
        env = List.copyOf(env);
        sandboxes = List.copyOf(sandboxes);
        command = List.copyOf(command);
    }
}
