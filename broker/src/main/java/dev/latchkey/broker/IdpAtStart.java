package dev.latchkey.broker;

import dev.latchkey.broker.identity.IssuerCheck;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker meets its IdP before it serves anyone: a wrong or unreachable {@code --issuer} is
 * said at start, not on the first sign-in. Also decides the scopes clients ask for, since
 * {@code offline_access} is asked for only when the IdP lists it.
 */
final class IdpAtStart {

    private static final Logger LOG = LoggerFactory.getLogger(IdpAtStart.class);

    private IdpAtStart() {
    }

    /**
     * Checks the configured IdP as {@code config.signIn().check()} says, and returns the scopes
     * clients should ask for.
     *
     * @throws BrokerStartException when the IdP does not fit (or, unless allowed, cannot be reached)
     */
    static String scopes(BrokerConfig config) {
        SignIn signIn = config.signIn();
        if (config.devMode() || config.issuer().isEmpty() || signIn.check() == IdpCheck.SKIP) {
            return signIn.offlineAccess() ? signIn.scopes() + " " + SignIn.OFFLINE_ACCESS : signIn.scopes();
        }
        URI issuer = config.issuer().get();
        return switch (new IssuerCheck().check(issuer, config.clientId())) {
            case IssuerCheck.Fit fit -> withOffline(signIn, fit.scopesSupported(), issuer);
            case IssuerCheck.Misfit misfit -> throw new BrokerStartException("the IdP does not fit: " + misfit.message());
            case IssuerCheck.Unreachable down -> {
                if (signIn.check() == IdpCheck.REQUIRE) {
                    throw new BrokerStartException("the IdP at " + issuer + " cannot be reached: " + down.message()
                            + "; check --issuer and the network, or start with --allow-unreachable-idp if it comes up later");
                }
                LOG.warn("""

                        ******************************************************************
                        *  THE IdP CANNOT BE REACHED: nobody can sign in until it can.   *
                        ******************************************************************
                        {}
                        Started anyway (--allow-unreachable-idp). Its issuer, keys and device
                        sign-in were NOT checked; every call fails until {} answers.""", down.message(), issuer);
                yield signIn.offlineAccess() ? signIn.scopes() + " " + SignIn.OFFLINE_ACCESS : signIn.scopes();
            }
        };
    }

    private static String withOffline(SignIn signIn, Set<String> supported, URI issuer) {
        if (!signIn.offlineAccess()) {
            return signIn.scopes();
        }
        if (!supported.contains(SignIn.OFFLINE_ACCESS)) {
            throw new BrokerStartException("offline access is on (--offline-access), but the IdP at " + issuer
                    + " does not list offline_access among its scopes_supported; turn it off, or enable offline access "
                    + "at the IdP");
        }
        return signIn.scopes() + " " + SignIn.OFFLINE_ACCESS;
    }
}
