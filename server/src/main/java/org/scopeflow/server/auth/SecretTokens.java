package org.scopeflow.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets (256 bits, URL-safe Base64) and their SHA-256 digests. A 256-bit random secret
 * cannot be guessed, so a fast unsalted digest is enough to store it: a leaked table gives nothing
 * to log in with.
 */
public final class SecretTokens {
    /** Prefix of API tokens, so that they are recognisable in logs and secret scanners. */
    public static final String API_PREFIX = "sf_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    /** A new random secret with the given prefix. */
    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256 of the UTF-8 secret. */
    public static String sha256(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
