package dev.latchkey.broker;

/** The broker's version as stamped into its jar; reported by {@code /.well-known/latchkey}. */
final class BrokerVersion {

    private BrokerVersion() {
    }

    static String current() {
        String stamped = BrokerVersion.class.getPackage().getImplementationVersion();
        return stamped == null || stamped.isBlank() ? "development" : stamped;
    }
}
