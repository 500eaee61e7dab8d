package org.scopeflow.app;

import org.scopeflow.model.config.ConfigException;

/** Exit codes of every command: 0 done, 1 ran but something failed, 2 bad usage or configuration. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {}

    static int forException(Throwable t) {
        if (t instanceof UserFacingException u) {
            return u.exitCode();
        }
        if (t instanceof ConfigException || t instanceof IllegalArgumentException) {
            return USAGE;
        }
        return FAILED;
    }
}
