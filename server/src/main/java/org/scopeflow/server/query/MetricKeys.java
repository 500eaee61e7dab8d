package org.scopeflow.server.query;

import java.util.List;

/**
 * The per-movie metrics the dashboard plots: metadata keys on the movie's file row, each with its
 * unit and the acceptance thresholds drawn on the plots (see server/README.md; the pipeline writes
 * exactly these keys). {@link #PROCESSING_ERROR} (text) marks a movie whose processing failed and
 * {@link #THUMBNAIL_PATH} (text, relative to the file's storage root) its thumbnail image.
 */
public final class MetricKeys {
    public static final String PROCESSING_ERROR = "processing_error";
    public static final String THUMBNAIL_PATH = "thumbnail_path";

    /**
     * One plotted metric.
     *
     * @param key   metadata key
     * @param label axis label
     * @param unit  unit of the stored value
     * @param low   lower threshold, null for none
     * @param high  upper threshold, null for none
     */
    public record Metric(String key, String label, String unit, Double low, Double high) {}

    public static final List<Metric> PLOTTED = List.of(
            new Metric("defocus_u_angstrom", "Defocus U", "Å", 1_000.0, 30_000.0),
            new Metric("defocus_v_angstrom", "Defocus V", "Å", 1_000.0, 30_000.0),
            new Metric("astigmatism_angstrom", "Astigmatism", "Å", null, 1_000.0),
            new Metric("ctf_resolution_angstrom", "CTF fit resolution", "Å", null, 6.0),
            new Metric("total_drift_angstrom", "Total drift", "Å", null, 20.0),
            new Metric("particle_count", "Particles", null, 50.0, null));

    private MetricKeys() {}

    public static List<String> keys() {
        return PLOTTED.stream().map(Metric::key).toList();
    }
}
