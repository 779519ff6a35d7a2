package dev.latchkey.app.common;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerInfo;
import java.net.URI;

/** Asks a broker for its well-known document; blocking, so only from a {@link TaskRunner}. */
@FunctionalInterface
public interface BrokerProbe {

    BrokerInfo probe(URI url) throws BrokerException;

    /** The real probe: core's broker client over HTTP, without a sign-in (the document needs none). */
    static BrokerProbe overHttp() {
        return Latchkey::probe;
    }
}
