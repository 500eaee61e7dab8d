package org.scopeflow.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content checksum: an algorithm name and the digest in lower-case hexadecimal.
 *
 * @param algorithm lower-case name, e.g. {@code sha-256}, {@code xxh3-128}, {@code md5}
 * @param hex       the digest; its length must match the algorithm when the algorithm is known
 */
public record Checksum(String algorithm, String hex) {
    /** Digest lengths in hex characters of the algorithms Scopeflow uses. */
    public static final Map<String, Integer> KNOWN_HEX_LENGTHS = Map.of(
            "sha-256", 64, "sha-512", 128, "md5", 32, "xxh3-128", 32, "crc32c", 8, "blake3", 64);
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9][a-z0-9-]{0,19}");
    private static final Pattern HEX = Pattern.compile("([0-9a-f]{2}){1,64}");

    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        algorithm = algorithm.trim().toLowerCase(Locale.ROOT);
        hex = hex.trim().toLowerCase(Locale.ROOT);
        if (!ALGORITHM.matcher(algorithm).matches()) {
            throw new IllegalArgumentException("checksum algorithm '" + algorithm
                    + "' is not a name like sha-256 or xxh3-128 (letters, digits, hyphens; at most 20)");
        }
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(algorithm + " checksum '" + Names.abbreviate(hex)
                    + "' is not an even number (2–128) of hexadecimal digits");
        }
        Integer expected = KNOWN_HEX_LENGTHS.get(algorithm);
        if (expected != null && hex.length() != expected) {
            throw new IllegalArgumentException(algorithm + " checksum '" + hex + "' has " + hex.length()
                    + " hex digits; " + algorithm + " has " + expected);
        }
    }

    /** {@code algorithm:hex}, the form used in logs and manifests. */
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
