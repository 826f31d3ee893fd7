package dev.weir.registry.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP basic authentication: every request needs the user and password of one of the configured
 * users (what Confluent clients send with {@code basic.auth.credentials.source=USER_INFO}),
 * otherwise it is answered 401.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class BasicAuthFilter implements ContainerRequestFilter {

    private final Map<String, byte[]> passwords;

    BasicAuthFilter(Map<String, String> users) {
        this.passwords = Map.copyOf(users.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!authenticated(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            Response unauthorized = ErrorMapper.error(401, 401, "Unauthorized");
            request.abortWith(Response.fromResponse(unauthorized)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"weir-schema-registry\"").build());
        }
    }

    private boolean authenticated(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        byte[] expected = passwords.get(decoded.substring(0, colon));
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // Compare in constant time; an unknown user costs the same as a wrong password.
        return MessageDigest.isEqual(expected == null ? new byte[given.length + 1] : expected, given) && expected != null;
    }
}
