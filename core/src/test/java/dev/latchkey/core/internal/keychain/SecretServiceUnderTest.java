package dev.latchkey.core.internal.keychain;

import java.io.IOException;
import java.util.List;

/**
 * One real Secret Service running on a {@link PrivateDesktop}, with what a test does to it that a
 * person would: lock it, and answer or decline its unlock dialog.
 */
interface SecretServiceUnderTest extends AutoCloseable {

    /** As the program calls itself, such as "KeePassXC". */
    String name();

    PrivateDesktop desktop();

    /** Locks the collection that Latchkey uses. */
    void lock() throws IOException, InterruptedException;

    /** Types the password into the unlock dialog that is up (or comes up) and confirms it. */
    void answerUnlock() throws IOException, InterruptedException;

    /** Dismisses the unlock dialog that is up (or comes up). */
    void declineUnlock() throws IOException, InterruptedException;

    /** The accounts of Latchkey's items for {@code service}, as {@code secret-tool search} finds them. */
    default List<String> accounts(String service) throws IOException, InterruptedException {
        String out = desktop().run("secret-tool", "search", "--all", "service", service);
        return out.lines().filter(l -> l.startsWith("attribute.account = "))
                .map(l -> l.substring("attribute.account = ".length()).strip()).toList();
    }

    @Override
    void close() throws IOException;
}
