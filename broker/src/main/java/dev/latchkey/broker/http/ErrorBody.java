package dev.latchkey.broker.http;

/**
 * The one shape of every error answer.
 *
 * @param error a stable code, such as {@code invalid_token}
 * @param message what went wrong, for a person; never a value or a token
 * @param field the request field at fault, for validation errors; null (left out) otherwise
 */
public record ErrorBody(String error, String message, String field) {

    public ErrorBody(String error, String message) {
        this(error, message, null);
    }
}
