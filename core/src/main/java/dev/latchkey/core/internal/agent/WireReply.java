package dev.latchkey.core.internal.agent;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 answer of a local channel.
 *
 * @param status the HTTP status
 * @param contentType its media type
 * @param body its bytes
 */
public record WireReply(int status, String contentType, byte[] body) {

    public WireReply {
        body = body.clone();
    }

    /** A 200 answer with a JSON body. */
    public static WireReply json(String json) {
        return new WireReply(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length, without a copy of it. */
    public int contentLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "WireReply[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
