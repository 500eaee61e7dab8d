package org.scopeflow.pipeline.spec;

/**
 * Where a step's jobs run.
 *
 * @param type      {@code local} or {@code slurm}
 * @param partition Slurm partition; empty = the cluster's default partition (always empty for local)
 * @param account   Slurm account; empty = the user's default (always empty for local)
 */
public record ExecutorChoice(Type type, String partition, String account) {
    public enum Type {
        LOCAL, SLURM;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final ExecutorChoice LOCAL = new ExecutorChoice(Type.LOCAL, "", "");

    public ExecutorChoice {
        partition = partition == null ? "" : partition;
        account = account == null ? "" : account;
    }
}
