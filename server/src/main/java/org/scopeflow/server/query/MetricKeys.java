package org.scopeflow.server.query;

import java.util.List;

/**
 * The per-movie metrics the dashboard plots: metadata keys on the movie's file row, each with its
 * unit and the acceptance thresholds drawn on the plots (see server/README.md). The keys are the ones
 * the pipeline engine writes — {@code <step id>.<field>} of the shipped single-particle templates
 * (steps {@code motion}, {@code ctf}, {@code pick}, {@code thumbnail}); a facility's own pipeline
 * shows on the dashboard when it keeps those step ids. {@link #PROCESSING_ERROR} (text, "step:
 * reason") marks a movie whose processing failed, and {@link #IMAGES} are the pictures drawn for a
 * movie (text, paths relative to the movie's storage root).
 */
public final class MetricKeys {
    public static final String PROCESSING_ERROR = "processing_error";
    public static final String THUMBNAIL_PATH = "thumbnail.thumbnail_png";

    /**
     * A picture of a movie.
     *
     * @param name  route name, {@code /api/files/{id}/images/{name}}
     * @param key   metadata key holding its path
     * @param label caption
     */
    public record Image(String name, String key, String label) {}

    public static final List<Image> IMAGES = List.of(
            new Image("thumbnail", THUMBNAIL_PATH, "Micrograph"),
            new Image("picks", "pick.picks_png", "Picked particles"),
            new Image("ctf", "ctf.spectrum_png", "Power spectrum with the fitted CTF zeros (right half)"),
            new Image("spectrum", "thumbnail.spectrum_png", "Power spectrum"),
            new Image("drift", "motion.drift_png", "Drift track"));

    /**
     * The pictures of a whole session, drawn by batch and final pipeline steps: text metadata of the
     * session whose key is {@code <step id>.<field>} for any step id (a facility names its steps), the
     * newest shown. {@link Image#key()} is the field.
     */
    public static final List<Image> SESSION_IMAGES = List.of(
            new Image("classes", "classes_png", "2D class averages of the newest classification, most populated first"));

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
            new Metric("ctf.defocus_u_angstrom", "Defocus U", "Å", 1_000.0, 30_000.0),
            new Metric("ctf.defocus_v_angstrom", "Defocus V", "Å", 1_000.0, 30_000.0),
            new Metric("ctf.astigmatism_angstrom", "Astigmatism", "Å", null, 1_000.0),
            new Metric("ctf.fit_resolution_angstrom", "CTF fit resolution", "Å", null, 6.0),
            new Metric("motion.total_drift_angstrom", "Total drift", "Å", null, 20.0),
            new Metric("pick.particle_count", "Particles", null, 50.0, null));

    private MetricKeys() {}

    /** The picture called {@code name} among {@code pictures} ({@link #IMAGES} or {@link #SESSION_IMAGES}), if there is one. */
    public static java.util.Optional<Image> named(List<Image> pictures, String name) {
        return pictures.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public static List<String> keys() {
        return PLOTTED.stream().map(Metric::key).toList();
    }
}
