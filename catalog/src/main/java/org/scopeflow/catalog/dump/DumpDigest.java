package org.scopeflow.catalog.dump;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-256 that covers a dump's content. */
final class DumpDigest {
    private DumpDigest() {}

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java 17 runtime must provide", e);
        }
    }
}
