package org.scopeflow.imaging.sim;

import java.util.List;
import org.scopeflow.imaging.image.FloatImage;

/**
 * A simulated movie: its frames (electron counts per pixel) and the truth behind them.
 */
public record SimulatedMovie(List<FloatImage> frames, MovieTruth truth) {
    public SimulatedMovie {
        frames = List.copyOf(frames);
    }
}
