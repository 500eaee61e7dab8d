package org.scopeflow.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the server runs.
 *
 * @param host            interface to listen on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port            TCP port; 0 picks a free one (tests)
 * @param storageRoots    storage root name → directory; files are served only from inside these
 * @param maxRequestBytes larger request bodies are refused with 413
 * @param loginLifetime   how long a browser login lasts
 * @param secureCookies   mark cookies Secure (when served behind HTTPS)
 * @param ssePollMillis   how often live streams look for new rows, in milliseconds
 * @param clock           time source
 */
public record ServerSettings(String host, int port, Map<String, Path> storageRoots, long maxRequestBytes,
                             Duration loginLifetime, boolean secureCookies, long ssePollMillis, Clock clock) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1_048_576;

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port; use 1–65535 (or 0 for any free port)");
        }
        storageRoots = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(storageRoots));
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes " + maxRequestBytes + " is too small; use at least 1024");
        }
        Objects.requireNonNull(loginLifetime, "loginLifetime");
        if (ssePollMillis < 10) {
            throw new IllegalArgumentException("ssePollMillis " + ssePollMillis + " is too small; use at least 10 ms");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Defaults for a port and storage roots: all interfaces, 1 MiB bodies, 12 h logins, 1 s polling. */
    public static ServerSettings of(int port, Map<String, Path> storageRoots) {
        return new ServerSettings("0.0.0.0", port, storageRoots, DEFAULT_MAX_REQUEST_BYTES,
                Duration.ofHours(12), false, 1000, Clock.systemUTC());
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, storageRoots, maxRequestBytes, loginLifetime, secureCookies, ssePollMillis, clock);
    }

    public ServerSettings withSsePollMillis(long millis) {
        return new ServerSettings(host, port, storageRoots, maxRequestBytes, loginLifetime, secureCookies, millis, clock);
    }
}
