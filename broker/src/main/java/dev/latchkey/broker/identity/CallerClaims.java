package dev.latchkey.broker.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who a verified access token names: subject, username, name for people, groups and client. */
final class CallerClaims {

    private final String groupsClaim;
    private final String clientId;

    /**
     * @param groupsClaim the claim that lists the caller's groups
     * @param clientId the client a token without {@code azp} is taken to be issued to
     */
    CallerClaims(String groupsClaim, String clientId) {
        this.groupsClaim = groupsClaim;
        this.clientId = clientId;
    }

    /** The caller {@code claims} name; they have passed {@link AccessTokenClaims}. */
    Caller caller(JWTClaimsSet claims) throws InvalidTokenException {
        String subject = claims.getSubject();
        String username = Optional.ofNullable(AccessTokenClaims.stringClaim(claims, "preferred_username")).orElse(subject);
        String azp = AccessTokenClaims.stringClaim(claims, "azp");
        return new Caller(subject, username, displayName(AccessTokenClaims.stringClaim(claims, "name")), groups(claims),
                azp == null ? clientId : azp);
    }

    private Set<String> groups(JWTClaimsSet claims) throws InvalidTokenException {
        Object value = claims.getClaim(groupsClaim);
        Set<String> out = new LinkedHashSet<>();
        switch (value) {
            case null -> {
                // No groups claim: the caller is in no group and sees no scope.
            }
            case String single -> out.add(single);
            case List<?> list -> {
                for (Object item : list) {
                    if (!(item instanceof String s)) {
                        throw new InvalidTokenException("the " + groupsClaim + " claim must list names");
                    }
                    // Keycloak's group mapper may give full paths ("/payments-dev").
                    out.add(s.startsWith("/") ? s.substring(1) : s);
                }
            }
            default -> throw new InvalidTokenException("the " + groupsClaim + " claim must list names");
        }
        return out;
    }

    /** The {@code name} claim on one line and at most 200 characters (it is stored and shown), or null. */
    private static String displayName(String name) {
        if (name == null) {
            return null;
        }
        String line = name.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
