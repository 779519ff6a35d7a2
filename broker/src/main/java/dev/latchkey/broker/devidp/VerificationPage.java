package dev.latchkey.broker.devidp;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page where a person types the user code and picks who to sign in as.
 *
 * <p>It is also the scripts' and tests' way in: {@code POST /dev-idp/device} with the form fields
 * {@code user_code} and {@code user} approves, {@code action=deny} denies; 200 with a short page
 * on success, 400 with the reason otherwise. There is no CSRF token on purpose: anyone who can
 * reach a dev IdP may sign in as any demo user anyway, and scripts must be able to post.
 * Everything echoed back is HTML-escaped.
 */
final class VerificationPage {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationPage.class);
    private static final String TEMPLATE = loadTemplate();
    // No scripts, no framing (a framed page could trick a click on "approve"), posts only to itself.
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

    private final DeviceAuthorizations devices;

    VerificationPage(DeviceAuthorizations devices) {
        this.devices = devices;
    }

    Handler show() {
        return ctx -> {
            String typed = ctx.queryParam("user_code");
            String notice = "";
            if (typed != null && !typed.isBlank()) {
                Optional<DeviceAuthorizations.Request> request = UserCode.parse(typed).flatMap(devices::pending);
                notice = request
                        .map(r -> "<p class=\"notice\">The application <strong>" + Html.escape(r.clientId())
                                + "</strong> asks to sign in with the scopes <code>" + Html.escape(r.scope())
                                + "</code>. Check that the code matches the one your terminal shows.</p>")
                        .orElse("<p class=\"notice error\">No sign-in is waiting for that code. It may have "
                                + "expired or been used already; start the sign-in again.</p>");
            }
            page(ctx, 200, "Sign in", "<h1>Sign in to Latchkey</h1>" + notice + form(typed == null ? "" : typed));
        };
    }

    Handler decide() {
        return ctx -> {
            String type = ctx.contentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                problem(ctx, "Post the form as application/x-www-form-urlencoded.", "");
                return;
            }
            String typed = ctx.formParam("user_code");
            String action = ctx.formParam("action");
            if (typed == null || typed.isBlank()) {
                problem(ctx, "Type the code your terminal shows.", "");
                return;
            }
            Optional<UserCode> code = UserCode.parse(typed);
            if (code.isEmpty()) {
                problem(ctx, "That is not a sign-in code. Codes look like BCDF-GHJK.", typed);
                return;
            }
            if (action != null && !action.isEmpty() && !action.equals("approve") && !action.equals("deny")) {
                problem(ctx, "Unknown action; use approve (the default) or deny.", typed);
                return;
            }
            boolean deny = "deny".equals(action);
            DemoUser user = null;
            if (!deny) {
                String username = ctx.formParam("user");
                if (username == null || username.isBlank()) {
                    problem(ctx, "Pick a demo user to sign in as: " + usernames() + ".", typed);
                    return;
                }
                user = DevUsers.find(username).orElse(null);
                if (user == null) {
                    problem(ctx, "There is no demo user called \u201c" + username + "\u201d. Pick one of: "
                            + usernames() + ".", typed);
                    return;
                }
            }
            DeviceAuthorizations.Decision decision = deny ? devices.deny(code.get()) : devices.approve(code.get(), user);
            switch (decision) {
                case DeviceAuthorizations.Decision.Recorded recorded -> {
                    if (deny) {
                        LOG.info("dev IdP: a device sign-in was denied");
                        page(ctx, 200, "Sign-in denied", "<h1>Sign-in denied</h1><p>The application will be told "
                                + "that you said no. You can close this page.</p>");
                    } else {
                        LOG.info("dev IdP: a device sign-in was approved for {}", user.username());
                        page(ctx, 200, "Signed in", "<h1>Signed in</h1><p>You are signed in to <strong>"
                                + Html.escape(recorded.clientId()) + "</strong> as <strong>" + Html.escape(user.name())
                                + "</strong> (" + Html.escape(user.username()) + "). You can close this page and "
                                + "return to your terminal.</p>");
                    }
                }
                case DeviceAuthorizations.Decision.UnknownCode u ->
                        problem(ctx, "No sign-in is waiting for that code. Check it, or start the sign-in again.", typed);
                case DeviceAuthorizations.Decision.Expired e ->
                        problem(ctx, "That code has expired. Start the sign-in again for a new one.", typed);
                case DeviceAuthorizations.Decision.AlreadyDecided a ->
                        problem(ctx, "That code was already approved or denied.", typed);
            }
        };
    }

    private void problem(Context ctx, String message, String typed) {
        page(ctx, 400, "Cannot sign in", "<h1>Cannot sign in</h1><p class=\"notice error\">" + Html.escape(message)
                + "</p>" + form(typed));
    }

    private String form(String typed) {
        StringBuilder html = new StringBuilder();
        // A path, not a URL: a page opened through "localhost" must post to itself, or the CSP's
        // form-action 'self' would block the post.
        html.append("<form method=\"post\" action=\"").append(DevIdentityProvider.PATH).append("/device\">")
                .append("<label for=\"user_code\">Code shown in your terminal</label>")
                .append("<input id=\"user_code\" name=\"user_code\" required autocomplete=\"off\" autocapitalize=\"characters\""
                        + " spellcheck=\"false\" placeholder=\"BCDF-GHJK\" value=\"")
                .append(Html.escape(typed)).append("\">")
                .append("<p class=\"label\" id=\"users-label\">Sign in as</p>")
                .append("<div class=\"users\" role=\"group\" aria-labelledby=\"users-label\">");
        for (DemoUser user : DevUsers.ALL) {
            html.append("<button class=\"user\" type=\"submit\" name=\"user\" value=\"")
                    .append(Html.escape(user.username())).append("\"><strong>").append(Html.escape(user.name()))
                    .append("</strong> <small>").append(Html.escape(user.username())).append(" · ")
                    .append(Html.escape(String.join(", ", user.groups()))).append("</small></button>");
        }
        html.append("</div><button class=\"deny\" type=\"submit\" name=\"action\" value=\"deny\">"
                + "Deny this sign-in</button></form>");
        return html.toString();
    }

    private static void page(Context ctx, int status, String title, String body) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(status).html(TEMPLATE.replace("{{title}}", Html.escape(title)).replace("{{body}}", body));
    }

    private static String usernames() {
        return String.join(", ", DevUsers.ALL.stream().map(DemoUser::username).toList());
    }

    private static String loadTemplate() {
        try (InputStream in = VerificationPage.class.getResourceAsStream("/devidp/page.html")) {
            if (in == null) {
                throw new IllegalStateException("the dev IdP page template /devidp/page.html is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
