package dev.latchkey.cli.common;

import picocli.CommandLine.Option;

/** {@code --json}, as a picocli mixin for every command that can answer in JSON for scripts. */
public final class JsonOutput {

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** True when the user asked for JSON. */
    public boolean on() {
        return json;
    }
}
