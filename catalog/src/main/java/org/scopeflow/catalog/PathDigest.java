package org.scopeflow.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hex SHA-256 of a relative path's UTF-8 bytes: the indexed stand-in for paths of up to 4096 characters. */
final class PathDigest {
    private static final HexFormat HEX = HexFormat.of();

    private PathDigest() {}

    static String sha256Hex(String relativePath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(relativePath.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java 17 runtime must provide", e);
        }
    }
}
