package dev.latchkey.core.internal.keychain;

import java.util.Map;
import java.util.Optional;

/**
 * A store that can read every entry of one service in a single keychain call, for a one-command
 * session reading its entries ahead ({@link ToolReadStore}: one {@code secret-tool} process instead
 * of one per entry).
 */
public interface WholeServiceReads {

    /**
     * Account to value for every entry of {@code service} (an account not in it has no entry), or
     * empty when this store cannot answer so now; the caller then reads entry by entry.
     */
    Optional<Map<String, String>> readService(String service);
}
