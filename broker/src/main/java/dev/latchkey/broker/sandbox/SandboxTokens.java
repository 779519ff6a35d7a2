package dev.latchkey.broker.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.broker.access.AccessEvaluator;
import dev.latchkey.broker.access.AccessState;
import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.PolicyHolder;
import dev.latchkey.broker.policy.SandboxPolicy;
import dev.latchkey.broker.policy.ScopePolicy;
import dev.latchkey.broker.store.Database;
import dev.latchkey.grammar.DurationSyntaxException;
import dev.latchkey.grammar.Durations;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Mints sandbox tokens and answers introspection. A token's {@code exp} never passes the
 * caller's access to the sandbox's scope; introspection re-checks that access at the moment it
 * is asked, so a revoked grant turns every token minted under it inactive at once.
 */
public final class SandboxTokens {

    private final MintRecords records;
    private final SigningKeys keys;
    private final PolicyHolder policy;
    private final AccessEvaluator access;
    private final AuditLog audit;
    private final Clock clock;
    private final Supplier<URI> issuer;

    /**
     * @param issuer the broker's own URL, the tokens' {@code iss}; a supplier because it is known
     *     only once the server has its port
     */
    public SandboxTokens(Database db, SigningKeys keys, PolicyHolder policy, AccessEvaluator access, AuditLog audit,
            Clock clock, Supplier<URI> issuer) {
        this.records = new MintRecords(db);
        this.keys = keys;
        this.policy = policy;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** The sandboxes whose scope {@code caller} may see, each with whether they may mint now. */
    public List<Offer> offers(Caller caller) {
        Policy p = policy.current();
        List<Offer> out = new ArrayList<>();
        for (SandboxPolicy sandbox : p.sandboxes().values()) {
            Optional<ScopePolicy> scope = p.scope(sandbox.scope());
            Optional<AccessState> state = scope.flatMap(s -> access.evaluate(caller, s));
            state.ifPresent(s -> out.add(new Offer(sandbox, s.mayRead(), s.accessEnds())));
        }
        return out;
    }

    /**
     * A sandbox the caller can see.
     *
     * @param mayMint whether a mint would succeed now
     * @param accessEnds when their access to its scope ends; empty for standing access or none
     */
    public record Offer(SandboxPolicy sandbox, boolean mayMint, Optional<Instant> accessEnds) {
    }

    /**
     * Mints a token for {@code sandboxName}.
     *
     * @param ttl the lifetime asked for ({@code 10m}, {@code PT10M}); empty for the sandbox's maximum
     * @param client how the audit log names the caller's client
     * @throws SandboxException when there is no such sandbox, no access now, or the ttl is unreadable
     */
    public MintedToken mint(Caller caller, String client, String sandboxName, Optional<String> ttl) {
        Policy p = policy.current();
        SandboxPolicy sandbox = p.sandboxes().get(sandboxName);
        Optional<ScopePolicy> scope = sandbox == null ? Optional.empty() : p.scope(sandbox.scope());
        Optional<AccessState> state = scope.flatMap(s -> access.evaluate(caller, s));
        if (sandbox == null || state.isEmpty()) {
            throw refused(caller, client, sandboxName, SandboxException.Kind.UNKNOWN_SANDBOX,
                    "there is no sandbox '" + clip(sandboxName) + "' you can see; `latchkey sandboxes` lists them");
        }
        Duration wanted = ttl.map(SandboxTokens::parseTtl).orElse(sandbox.maxTtl());
        Instant now = clock.instant();
        if (!state.get().mayRead()) {
            throw refused(caller, client, sandboxName, SandboxException.Kind.NO_ACCESS, noAccess(sandbox, state.get()));
        }
        // JWT times are whole seconds: round down so exp can never pass the end of access.
        Instant exp = now.plus(min(wanted, sandbox.maxTtl())).truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> ends = state.get().accessEnds();
        if (ends.isPresent() && ends.get().isBefore(exp)) {
            exp = ends.get().truncatedTo(ChronoUnit.SECONDS);
        }
        Instant iat = now.truncatedTo(ChronoUnit.SECONDS);
        if (!exp.isAfter(iat)) {
            throw refused(caller, client, sandboxName, SandboxException.Kind.NO_ACCESS,
                    "your access to " + sandbox.scope() + " ends now; extend it before minting");
        }
        String jti = UUID.randomUUID().toString();
        String token = sign(caller, sandbox, iat, exp, jti);
        records.add(caller, sandbox, iat, exp, jti);
        audit.append(new AuditEvent(caller.subject(), client, "sandbox.mint", "sandbox/" + sandbox.name(), "ok",
                "jti " + jti + " until " + exp));
        return new MintedToken(sandbox.name(), token, sandbox.audience(), sandbox.scope().toString(), iat, exp, jti);
    }

    /**
     * RFC 7662: whether {@code token} is one of ours, unexpired, and still backed by its owner's
     * access at this instant.
     */
    public Introspection introspect(Caller introspector, String client, String token) {
        Introspection result = check(token);
        String target = switch (result) {
            case Introspection.Active a -> "jti " + a.jti();
            case Introspection.Inactive i -> "a token";
        };
        String outcome = switch (result) {
            case Introspection.Active a -> "active";
            case Introspection.Inactive i -> "inactive";
        };
        String detail = switch (result) {
            case Introspection.Active a -> "sandbox " + a.sandbox();
            case Introspection.Inactive i -> i.why();
        };
        audit.append(new AuditEvent(introspector.subject(), client, "token.introspect", target, outcome, detail));
        return result;
    }

    private Introspection check(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Introspection.Inactive("not a JWT");
        }
        Optional<ECKey> key = Optional.ofNullable(jwt.getHeader().getKeyID()).flatMap(keys::byId);
        if (key.isEmpty() || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return new Introspection.Inactive("not signed by this broker");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key.get().toECPublicKey()))) {
                return new Introspection.Inactive("bad signature");
            }
        } catch (JOSEException e) {
            return new Introspection.Inactive("bad signature");
        }
        if (!issuer.get().toString().equals(claims.getIssuer())) {
            return new Introspection.Inactive("another issuer");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant())) {
            return new Introspection.Inactive("expired");
        }
        Optional<MintRecords.Recorded> recorded = records.find(claims.getJWTID());
        if (recorded.isEmpty()) {
            return new Introspection.Inactive("unknown token id");
        }
        MintRecords.Recorded r = recorded.get();
        if (!stillBacked(r, now)) {
            return new Introspection.Inactive("access behind it ended or was revoked");
        }
        return new Introspection.Active(r.subject(), r.username(), audience(claims), claims.getIssuer(),
                claims.getIssueTime().toInstant(), exp.toInstant(), r.jti(), r.sandbox(), r.scope());
    }

    /** Re-evaluates the owner's access now, with the groups they had when the token was minted. */
    private boolean stillBacked(MintRecords.Recorded r, Instant now) {
        Policy p = policy.current();
        SandboxPolicy sandbox = p.sandboxes().get(r.sandbox());
        if (sandbox == null || !sandbox.scope().toString().equals(r.scope())) {
            return false;
        }
        Caller owner = new Caller(r.subject(), r.username(), r.groups(), r.clientId());
        return p.scope(sandbox.scope()).flatMap(s -> access.evaluate(owner, s))
                .filter(AccessState::mayRead)
                .map(state -> state.accessEnds().map(now::isBefore).orElse(true))
                .orElse(false);
    }

    private String sign(Caller caller, SandboxPolicy sandbox, Instant iat, Instant exp, String jti) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        // SandboxPolicy refuses extra claims in RESERVED_CLAIMS, so none of these is overwritten below.
        sandbox.claims().forEach(claims::claim);
        claims.issuer(issuer.get().toString())
                .subject(caller.subject())
                .audience(sandbox.audience())
                .issueTime(Date.from(iat))
                .notBeforeTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .jwtID(jti)
                .claim("sandbox", sandbox.name())
                .claim("latchkey_scope", sandbox.scope().toString())
                .claim("preferred_username", caller.username());
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a sandbox token with ES256", e);
        }
        return jwt.serialize();
    }

    /** How many sandbox tokens were ever minted, for metrics. */
    public long minted() {
        return records.count();
    }

    private SandboxException refused(Caller caller, String client, String sandbox, SandboxException.Kind kind,
            String message) {
        audit.append(new AuditEvent(caller.subject(), client, "sandbox.mint", "sandbox/" + clip(sandbox), "refused",
                kind.name().toLowerCase(Locale.ROOT)));
        return new SandboxException(kind, message);
    }

    private static String noAccess(SandboxPolicy sandbox, AccessState state) {
        String scope = sandbox.scope().toString();
        return switch (state) {
            case AccessState.Requestable r -> "minting " + sandbox.name() + " needs access to " + scope
                    + ", which you do not have now; ask for it: latchkey request " + scope + " --duration "
                    + Durations.format(r.autoApprovedUpTo().orElse(r.maxDuration())) + " --reason \"...\"";
            case AccessState.None n -> "minting " + sandbox.name() + " needs access to " + scope
                    + ", which your groups cannot read or request; ask the scope's owners";
            case AccessState.Standing s -> "unexpected: standing access was refused";
            case AccessState.Granted g -> "unexpected: a grant was refused";
        };
    }

    private static Duration parseTtl(String text) {
        try {
            return Durations.parse(text);
        } catch (DurationSyntaxException e) {
            throw new SandboxException(SandboxException.Kind.BAD_TTL, "'ttl': " + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String audience(JWTClaimsSet claims) {
        return claims.getAudience().isEmpty() ? "" : claims.getAudience().getFirst();
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
