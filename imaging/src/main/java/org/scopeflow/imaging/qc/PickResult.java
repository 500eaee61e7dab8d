package org.scopeflow.imaging.qc;

import java.util.List;

/**
 * The picks of one micrograph, best score first.
 *
 * @param picks the particles
 * @param medianScore median pick score (σ); NaN when nothing was picked
 */
public record PickResult(List<Pick> picks, double medianScore) {
    public PickResult {
        picks = List.copyOf(picks);
    }

    public int count() {
        return picks.size();
    }
}
