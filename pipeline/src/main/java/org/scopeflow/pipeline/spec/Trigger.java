package org.scopeflow.pipeline.spec;

/**
 * When a step's jobs are created.
 * <ul>
 *   <li>{@code each}: one job per new item as soon as its upstream results exist (streaming);</li>
 *   <li>{@code batch}: one job per {@code everyItems} ready items, or for the items waiting when the
 *       oldest has waited {@code everyMinutes}, and for the remainder when the session closes;</li>
 *   <li>{@code final}: one job when the session closes and every upstream job has finished.</li>
 * </ul>
 *
 * @param kind         each, batch or final
 * @param everyItems   batch size, 0 = no size threshold (batch only)
 * @param everyMinutes longest wait of a ready item before a partial batch runs, 0 = none (batch only)
 */
public record Trigger(Kind kind, int everyItems, int everyMinutes) {
    public enum Kind { EACH, BATCH, FINAL }

    public static final Trigger EACH = new Trigger(Kind.EACH, 0, 0);
    public static final Trigger FINAL = new Trigger(Kind.FINAL, 0, 0);

    public static Trigger batch(int everyItems, int everyMinutes) {
        return new Trigger(Kind.BATCH, everyItems, everyMinutes);
    }
}
