package dev.latchkey.core.internal.session;

import dev.latchkey.core.Session;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Another process asking for the same broker's access token, through the OS keychain: prints
 * {@code ready}, waits for {@code go} on stdin, then prints a digest of the token it got (never
 * the token).
 */
public final class AccessTokenInChildJvm {

    private AccessTokenInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        // A cold JVM on a busy CI machine: give the keychain more than the interactive bound.
        Session session = Session.builder(URI.create(args[0])).lockDirectory(Path.of(args[1]))
                .credentialStore(KeychainProbe.open(Duration.ofSeconds(20))).build();
        System.out.println("mode=" + session.storageMode().getClass().getSimpleName());
        System.out.println("storage=" + session.storageMode().describe());
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            System.exit(2);
        }
        String token = session.accessToken();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        System.out.println("token-sha256=" + HexFormat.of().formatHex(digest));
        System.out.flush();
        System.exit(0);
    }
}
