package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.brokerapi.SecretMeta;
import dev.latchkey.core.brokerapi.SecretRef;
import java.util.ArrayList;
import java.util.List;

/** The real backend, recording which values were asked for: a value never asked for never left the broker. */
final class RecordingBackend implements BrowserBackend {

    private final BrowserBackend real;
    private final List<SecretRef> valuesAskedFor = new ArrayList<>();

    RecordingBackend(BrowserBackend real) {
        this.real = real;
    }

    /** The refs whose values were asked for, in order. */
    List<SecretRef> valuesAskedFor() {
        return valuesAskedFor;
    }

    @Override
    public List<Scope> scopes() throws BrokerException {
        return real.scopes();
    }

    @Override
    public List<SecretMeta> secrets(String scope) throws BrokerException {
        return real.secrets(scope);
    }

    @Override
    public List<Grant> grants() throws BrokerException {
        return real.grants();
    }

    @Override
    public String approvers(String scope, String secret) throws BrokerException {
        return real.approvers(scope, secret);
    }

    @Override
    public String value(SecretRef ref) throws BrokerException {
        valuesAskedFor.add(ref);
        return real.value(ref);
    }
}
