package org.scopeflow.imaging;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs for integration tests. When a tool is missing the test fails if CI=true
 * and is skipped otherwise, with the command that installs it.
 */
public final class ExternalTool {
    /** Exit code and combined output of a finished process. */
    public record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    public static Result run(Path workingDirectory, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Whether a command runs and exits 0 (used to probe for tools). */
    public static boolean works(List<String> command) {
        try {
            return run(null, command).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails under CI=true, otherwise skips, when the tool is not available. */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        String message = what + " is not installed; run scripts/install-deps.sh as root (apt) to run this test";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: integration services are required)");
        }
        assumeTrue(false, message);
    }

    /** The first Python interpreter that can import a module, or null. */
    public static String pythonWith(String module) {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("SCOPEFLOW_TEST_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        // Debian's packages live under /usr/bin/python3; a pyenv python3 on PATH does not see them.
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String python : candidates) {
            if (works(List.of(python, "-c", "import " + module))) {
                return python;
            }
        }
        return null;
    }
}
