package dev.latchkey.broker.identity;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An issuer's signing keys, as Nimbus' JWT processor asks for them. Nimbus' own sources do the
 * work, stacked as its {@code JWKSourceBuilder} stacks them: the key set is cached for
 * {@link #TIME_TO_LIVE}; a token naming a key id the cache lacks (the issuer rotated its keys) makes
 * it fetch again, but Nimbus' rate limit allows at most two fetches per refresh interval, so tokens
 * with made-up key ids cannot flood the issuer; and when the issuer is down, the last key set it
 * served keeps working for {@link #OUTAGE_TOLERANCE}. This class replaces Nimbus' top layer only to
 * read time from the broker's clock (so cache and limit follow the clock tests move) and to say
 * which key set each check used.
 */
final class IssuerKeys implements JWKSource<IssuerKeys.Use> {

    /** How long a fetched key set is used before it is fetched again. */
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    /** How long the last key set serves while the issuer cannot be reached. */
    static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

    /** One check's context: the key set its key came from (a verified token is remembered against it). */
    static final class Use implements SecurityContext {
        private JWKSet keys;

        JWKSet keys() {
            return keys;
        }
    }

    private final JWKSetSource<Use> source;
    private final Clock clock;
    private volatile JWKSet latest;

    /**
     * @param issuer the issuer, whose discovery document names its key set
     * @param clock the broker's clock
     * @param minRefreshInterval the rate limit's interval: at most two fetches within it
     */
    IssuerKeys(URI issuer, Clock clock, Duration minRefreshInterval) {
        this.clock = clock;
        JWKSetSource<Use> fetch = new IssuerKeySet<>(issuer);
        JWKSetSource<Use> tolerant = new OutageTolerantJWKSetSource<>(fetch, OUTAGE_TOLERANCE.toMillis(), null);
        JWKSetSource<Use> limited = new RateLimitedJWKSetSource<>(tolerant, minRefreshInterval.toMillis(), null);
        // A check waits for another thread's fetch at most as long as that fetch may take.
        this.source = new CachingJWKSetSource<>(limited, TIME_TO_LIVE.toMillis(), 2 * IdpFetch.TIMEOUT.toMillis(), null);
    }

    /** The key set the latest check used; null before the first. Never fetches. */
    JWKSet latest() {
        return latest;
    }

    @Override
    public List<JWK> get(JWKSelector selector, Use use) throws KeySourceException {
        long now = clock.millis();
        JWKSet set = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, use);
        List<JWK> keys = selector.select(set);
        if (keys.isEmpty()) {
            try {
                set = source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(set), now, use);
                keys = selector.select(set);
            } catch (RateLimitReachedException e) {
                // Fetched twice within the interval already: for now the key id stays unknown.
            }
        }
        latest = set;
        use.keys = set;
        return keys;
    }
}
