package dev.latchkey.broker.devidp;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A small, real OpenID Connect provider that runs inside a dev-mode broker at
 * {@code <broker>/dev-idp}, so the app, the CLI and tests can sign in without an outside IdP.
 *
 * <p>It serves discovery, a JWKS with an ES256 key made at start, the device authorization
 * endpoint (RFC 8628), the token endpoint (device_code and refresh_token grants; refresh tokens
 * rotate, and reuse of a rotated one revokes the sign-in), revocation (RFC 7009), userinfo, and
 * a verification page where a person types the user code and picks a {@linkplain DevUsers demo
 * user}. Everything is in memory and timed by the given {@link Clock}.
 *
 * <p>Usage: construct it, add its routes while configuring Javalin, and let it learn the
 * broker's URL through the supplier once the server has bound its port:
 *
 * <pre>{@code
 * DevIdentityProvider idp = new DevIdentityProvider(settings, clock, brokerUrl::get);
 * Javalin.create(config -> idp.addRoutes(config.routes));
 * }</pre>
 *
 * <p>Never for production: anyone who can reach it can sign in as any demo user.
 */
public final class DevIdentityProvider {

    /** Where below the broker's URL the IdP lives; its issuer is {@code <broker>/dev-idp}. */
    public static final String PATH = "/dev-idp";

    private final DevIdpUrls urls;
    private final OAuthEndpoints endpoints;
    private final VerificationPage page;

    /**
     * @param settings client id, lifetimes and poll interval
     * @param clock the only source of time for codes and tokens
     * @param brokerUrl the broker's base URL, such as {@code http://127.0.0.1:41234}; asked for at
     *     each request, so it may return null until the server has started
     */
    public DevIdentityProvider(DevIdpSettings settings, Clock clock, Supplier<URI> brokerUrl) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        SecureRandom random = new SecureRandom();
        this.urls = new DevIdpUrls(brokerUrl);
        DeviceAuthorizations devices = new DeviceAuthorizations(settings, clock, random);
        TokenIssuer tokens = new TokenIssuer(settings, clock, urls::issuer);
        this.endpoints = new OAuthEndpoints(settings, clock, urls, devices,
                new RefreshTokens(settings, clock, random), tokens);
        this.page = new VerificationPage(devices);
    }

    /** Adds the IdP's routes under {@link #PATH}; call it inside {@code Javalin.create}. */
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.get(PATH + "/.well-known/openid-configuration", endpoints.discovery());
        routes.get(PATH + "/jwks", endpoints.jwks());
        routes.post(PATH + "/device/authorize", endpoints.deviceAuthorization());
        routes.post(PATH + "/token", endpoints.token());
        routes.post(PATH + "/revoke", endpoints.revocation());
        routes.get(PATH + "/userinfo", endpoints.userinfo());
        routes.get(PATH + "/device", page.show());
        routes.post(PATH + "/device", page.decide());
    }

    /** The issuer every token names: the broker's URL followed by {@link #PATH}. */
    public URI issuer() {
        return urls.issuer();
    }
}
