package org.scopeflow.pipeline.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The versions of command-step tools, from the step's {@code version_command} (run with {@code bash -c}
 * on the engine's host, stdin empty, stderr merged into stdout): the first non-blank line it prints.
 * A version command that fails or hangs gives a version that says so ("unknown: …") rather than
 * stopping the job: the job itself tells whether the tool works. Each command's answer is kept for
 * {@link #MAX_AGE}, so that thousands of jobs do not each run it, yet a tool upgraded while a server
 * runs is seen within minutes. Thread-safe.
 */
final class ToolVersions {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Longer output is cut: a version is a line, not a help page. */
    private static final int MAX_CHARS = 200;

    private record Answer(String version, Instant at) {}

    /** What a version command printed: its first non-blank line, or (problem not null) why there is none. */
    record Reply(String line, String problem) {
        static Reply failed(String problem) {
            return new Reply("", problem);
        }

        /** The line, or "unknown: PROBLEM". */
        String version() {
            return problem == null ? line : "unknown: " + problem;
        }
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration timeout;

    ToolVersions(Clock clock) {
        this(clock, TIMEOUT);
    }

    ToolVersions(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The version {@code versionCommand} reports; {@code ""} (unknown) when there is no command. */
    String of(String versionCommand) {
        if (versionCommand.isBlank()) {
            return "";
        }
        Instant now = clock.instant();
        Answer a = answers.get(versionCommand);
        if (a == null || a.at().plus(MAX_AGE).isBefore(now)) {
            a = new Answer(ask(versionCommand, timeout).version(), now);
            answers.put(versionCommand, a);
        }
        return a.version();
    }

    /** Runs {@code command} with {@code bash -c} for at most {@code timeout}; see the class comment. */
    static Reply ask(String command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return Reply.failed("version command '" + command + "' could not start: " + e.getMessage());
        }
        try (InputStream out = p.getInputStream()) {
            // Read on this thread while waiting (a chatty command must not block on a full pipe), and only what
            // is there: a background process the command left behind may hold the pipe open for ever.
            StringBuilder text = new StringBuilder();
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buf = new byte[8192];
            while (true) {
                if (out.available() > 0) {
                    int n = out.read(buf);
                    if (n > 0 && text.length() < 64 * 1024) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } else if (!p.isAlive()) {
                    // what it wrote just before exiting
                    for (int n; out.available() > 0 && (n = out.read(buf)) > 0; ) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                    break;
                } else if (System.nanoTime() > deadline) {
                    return Reply.failed("version command '" + command + "' still ran after " + timeout.toSeconds() + " s");
                } else {
                    Thread.sleep(5);
                }
            }
            String line = firstLine(text.toString());
            int exit = p.waitFor();
            if (exit != 0) {
                return Reply.failed("version command '" + command + "' exited with " + exit + (line.isEmpty() ? "" : ": " + line));
            }
            return line.isEmpty() ? Reply.failed("version command '" + command + "' printed nothing") : new Reply(line, null);
        } catch (IOException e) {
            p.destroyForcibly();
            return Reply.failed("version command '" + command + "' failed: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Reply.failed("interrupted while running version command '" + command + "'");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String firstLine(String text) {
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) + "…" : t;
            }
        }
        return "";
    }
}
