package dev.latchkey.core.internal.guard;

/**
 * One way a value may be written: its text, and the stretch of it that is secret (a URL's
 * password, a PEM key's body), so windows of public parts such as {@code postgres://} or
 * {@code -----BEGIN} are never fingerprinted.
 *
 * @param whole whether the text is the whole value written out (fingerprinted as a token too);
 *     false for the base64 of a value in the middle of a longer base64 text
 */
public record Form(Encoding encoding, String text, int secretFrom, int secretTo, boolean whole) {
}
