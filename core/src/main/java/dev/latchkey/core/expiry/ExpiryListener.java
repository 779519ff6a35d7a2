package dev.latchkey.core.expiry;

/** Receives {@link ExpiryEvent}s on the thread that called {@link ExpiryMonitor#check()}. */
@FunctionalInterface
public interface ExpiryListener {

    void onExpiry(ExpiryEvent event);
}
