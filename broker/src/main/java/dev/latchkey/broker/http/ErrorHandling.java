package dev.latchkey.broker.http;

import dev.latchkey.broker.store.StoreException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.InternalRouter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every error answer the same JSON shape and keeps internals out of it: no stack traces,
 * no exception text from libraries (which may quote input), no values, no tokens.
 */
public final class ErrorHandling {

    /** The largest request body the broker reads. */
    public static final long MAX_REQUEST_BYTES = 256 * 1024;
    /** A request attribute: a handler has read (or tried to read) the body; nothing is left to drain. */
    static final String BODY_READ = "latchkey.body-read";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
            HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS);

    private ErrorHandling() {
    }

    public static void install(JavalinConfig config) {
        config.http.maxRequestSize = MAX_REQUEST_BYTES;
        // A path that exists answers a method it lacks with 405 and the methods it has.
        config.http.prefer405over404 = true;
        InternalRouter router = config.unsafe.internalRouter;
        config.routes.exception(ApiException.class, (e, ctx) -> {
            drain(ctx, e.status());
            e.headers().forEach(ctx::header);
            ctx.status(e.status()).json(new ErrorBody(e.code(), e.getMessage(), e.field()));
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String code = switch (status) {
                case 413 -> "payload_too_large";
                case 400 -> "bad_request";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                default -> "http_" + status;
            };
            if (status == 405) {
                methodNotAllowed(router, ctx);
                return;
            }
            write(ctx, status, code, status == 413
                    ? "the request body is larger than " + MAX_REQUEST_BYTES / 1024 + " KiB"
                    : "the request was not accepted (HTTP " + status + ")");
        });
        config.routes.exception(StoreException.class, (e, ctx) -> {
            if (!e.unavailable()) {
                failed(e, ctx);
                return;
            }
            // The database is restarting or out of reach: the same call is likely to work in a
            // moment, through this replica or another (a transition is kept whole or not at all).
            LOG.warn("{} {}: the database is unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "2");
            write(ctx, 503, "unavailable", "the broker's database is unavailable; try again shortly");
        });
        config.routes.exception(Exception.class, ErrorHandling::failed);
        config.routes.error(404, ctx -> {
            if (ctx.result() == null) {
                write(ctx, 404, "not_found", "no such endpoint: " + clip(ctx.path()));
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.result() == null) {
                methodNotAllowed(router, ctx);
            }
        });
    }

    private static void methodNotAllowed(InternalRouter router, Context ctx) {
        String allow = allowed(router, ctx.path());
        ctx.header("Allow", allow);
        write(ctx, 405, "method_not_allowed", clip(ctx.method().name()) + " is not allowed on " + clip(ctx.path())
                + "; it takes " + allow);
    }

    /** The methods some route serves at {@code path}, as an {@code Allow} header lists them. */
    private static String allowed(InternalRouter router, String path) {
        return METHODS.stream().filter(m -> router.hasHttpHandlerEntry(m, path)).map(HandlerType::name)
                .collect(Collectors.joining(", "));
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void failed(Exception e, Context ctx) {
        if (causedBy(e, TimeoutException.class)) {
            // The connection's deadline ended a body that was still arriving.
            ctx.header("Connection", "close");
            write(ctx, 408, "request_timeout", "the request body did not arrive in time; send it again in one go");
            return;
        }
        // The type and message are ours or a library's; never the request body. No stack
        // trace: operators get the failing call's name, clients a generic message.
        LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), describe(e));
        write(ctx, 500, "internal", "the broker failed to answer this call; its log says why");
    }

    /**
     * Our exceptions' messages are written to hold no values; a library's may quote its input
     * (a parser echoing the request body), so only its type and where it came from are logged.
     */
    static String describe(Throwable e) {
        String type = e.getClass().getName();
        if (type.startsWith("dev.latchkey.")) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        StackTraceElement[] trace = e.getStackTrace();
        return type + (trace.length > 0 ? " at " + trace[0].getClassName() + "." + trace[0].getMethodName() : "");
    }

    private static void write(Context ctx, int status, String code, String message) {
        drain(ctx, status);
        ctx.status(status).json(new ErrorBody(code, message));
    }

    /**
     * Reads what is left of a body the call was refused before reading. A connection closed with
     * unread bytes is reset, and a reset can destroy the answer before the client reads it; a body
     * within the limit is read instead, as fast as it arrives (the request deadline bounds a slow
     * one). One over the limit, late or already read is left alone.
     */
    private static void drain(Context ctx, int status) {
        long declared = ctx.req().getContentLengthLong();
        if (status == 408 || status == 413 || declared == 0 || declared > MAX_REQUEST_BYTES
                || ctx.attribute(BODY_READ) != null) {
            return;
        }
        byte[] buffer = new byte[8192];
        long left = MAX_REQUEST_BYTES;
        try {
            InputStream in = ctx.req().getInputStream();
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // A body that ends badly or late changes nothing: the answer is an error already.
            LOG.debug("{} {}: the rest of a refused body was not read: {}", ctx.method(), ctx.path(), e.toString());
        }
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
