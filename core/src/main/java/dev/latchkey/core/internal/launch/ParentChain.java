package dev.latchkey.core.internal.launch;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Who launched this process, for the launch log: read from {@code /proc} on a thread of its own
 * while the child starts and runs, not after it ends (by then a short-lived parent may be gone,
 * and the read would lengthen every launch).
 */
public final class ParentChain {

    private final FutureTask<List<String>> chain;

    private ParentChain(FutureTask<List<String>> chain) {
        this.chain = chain;
    }

    /** Starts reading this process's parents now. */
    public static ParentChain startReading() {
        FutureTask<List<String>> chain = new FutureTask<>(() -> ProcFacts.chain(ProcessHandle.current().pid()));
        Thread.ofPlatform().daemon().name("latchkey-parents").start(chain);
        return new ParentChain(chain);
    }

    /** The parents, as {@link ProcFacts#chain} names them; waits for the read if it has not ended. */
    public List<String> get() throws InterruptedException {
        try {
            return chain.get();
        } catch (ExecutionException e) {
            // ProcFacts leaves out what it cannot read; anything else is a bug to see, not to log around.
            throw new IllegalStateException("reading this process's parents", e.getCause());
        }
    }
}
