package org.scopeflow.pipeline.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Slurm client commands (sbatch, squeue, scontrol, scancel) and returns what they printed. */
public class SlurmCli {
    /** What a command printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final long timeoutSeconds;

    public SlurmCli(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** True when the Slurm client commands are installed and configured ({@code sinfo} answers). */
    public static boolean available() {
        try {
            return new SlurmCli(10).run(List.of("sinfo", "-h", "-o", "%P")).ok();
        } catch (ExecutorException e) {
            return false;
        }
    }

    /**
     * Runs the command.
     *
     * @throws ExecutorException when it cannot be started or takes longer than the timeout
     */
    public Result run(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).start();
        } catch (IOException e) {
            throw new ExecutorException(command.get(0), "cannot run " + command.get(0) + ": " + e.getMessage()
                    + "; install slurm-wlm (scripts/install-deps.sh) and check PATH");
        }
        try {
            p.getOutputStream().close();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            byte[] stdout = out.readAllBytes();
            byte[] stderr = err.readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ExecutorException(command.get(0), String.join(" ", command) + " did not answer within "
                        + timeoutSeconds + " s; is slurmctld running (scontrol ping)?");
            }
            return new Result(p.exitValue(), new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ExecutorException(command.get(0), "reading the output of " + command.get(0) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutorException(command.get(0), "interrupted while running " + String.join(" ", command));
        }
    }
}
