package dev.latchkey.cli.common;

/**
 * Marks a command that serves for a long time, such as {@code latchkey agent}: its process must
 * see other processes' sign-ins and sign-outs, so its sessions read the keychain every time
 * instead of once per process ({@code Session.Builder.oneCommand()} is for every other command).
 *
 * <p>{@code main} asks this of the command class its arguments name, before any command model is
 * built.
 */
public interface LongRunning {
}
