package org.scopeflow.imaging.qc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;
import org.scopeflow.imaging.fourier.HalfSpectrum;
import org.scopeflow.imaging.fourier.RealFft2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Global (whole-frame) motion correction. Each frame is Fourier-transformed once, at full size; the
 * alignment works on low-frequency crops of those spectra (Fourier binning) and the aligned sum on the
 * spectra themselves, so no frame is transformed twice. Each {@link AlignmentStage} round
 * cross-correlates every frame with the sum of all other frames in their current alignment and moves
 * the frame by the residual, found either from the whole correlation map (peak fitted with a parabola)
 * or, once frames are within a fraction of a pixel, by a Newton step computed from the spectra alone.
 * Frames are aligned coarse to fine: on a crop of ≤ 256 px one full-map round (cheap inverse FFTs) and
 * Newton rounds; then Newton rounds on pixels of ≥ 2 Å and ≤ 512 px; then, for large frames, Newton
 * rounds on ~2 Å pixels. (Frames too small for a separate search crop get two full-map rounds.)
 * Frames are shifted exactly by Fourier phase ramps; the aligned sum is optionally dose-weighted.
 * Immutable and thread-safe; frames are processed in parallel on the common pool, or all on the calling
 * thread for an aligner made by {@link #singleThreaded()} (for callers that align several movies at
 * once).
 */
public final class MotionAligner {
    private static final int FULL_CORRELATION_ROUNDS = 2;
    private static final int COARSE_MAX_PIXELS = 512;
    private static final int SEARCH_MAX_PIXELS = 256;
    private static final double FINE_PIXEL_ANGSTROM = 2.0;

    private final boolean parallel;

    /** An aligner that spreads each movie's work over the common fork-join pool. */
    public MotionAligner() {
        this(true);
    }

    private MotionAligner(boolean parallel) {
        this.parallel = parallel;
    }

    /**
     * An aligner that does all of a movie's work on the calling thread: cheaper in total when the
     * caller keeps every core busy with movies of its own (no hand-offs or waiting between phases).
     */
    public static MotionAligner singleThreaded() {
        return new MotionAligner(false);
    }

    /** Indices from (inclusive) to (exclusive), in parallel or not. */
    static IntStream indices(int from, int to, boolean parallel) {
        IntStream range = IntStream.range(from, to);
        return parallel ? range.parallel() : range;
    }

    /**
     * @param frames the movie frames, all the same size, in acquisition order
     * @param pixelSizeAngstrom frame pixel size (Å)
     * @param options alignment settings
     * @throws IllegalArgumentException when there are no frames or their sizes differ
     */
    public MotionResult align(List<FloatImage> frames, double pixelSizeAngstrom, MotionOptions options) {
        try {
            return align(new FrameSource() {
                @Override
                public int count() {
                    return frames.size();
                }

                @Override
                public FloatImage frame(int index) {
                    return frames.get(index);
                }
            }, pixelSizeAngstrom, options);
        } catch (IOException e) {
            throw new IllegalStateException("frames held in memory cannot fail to read", e);
        }
    }

    /**
     * As {@link #align(List, double, MotionOptions)}, reading the frames on demand: each frame is
     * transformed as soon as it is read (frames are read in parallel, unless the aligner is
     * single-threaded) and its pixels are not kept.
     *
     * @throws IOException when a frame cannot be read
     * @throws IllegalArgumentException when there are no frames or their sizes differ
     */
    public MotionResult align(FrameSource source, double pixelSizeAngstrom, MotionOptions options) throws IOException {
        HalfSpectrum[] spectra = transformAll(source);
        int n = spectra.length;
        double[][] shifts = shiftsPixel(spectra, pixelSizeAngstrom, options);
        double[] xA = new double[n];
        double[] yA = new double[n];
        for (int i = 0; i < n; i++) {
            xA[i] = (shifts[0][i] - shifts[0][0]) * pixelSizeAngstrom;
            yA[i] = (shifts[1][i] - shifts[1][0]) * pixelSizeAngstrom;
        }
        FloatImage sum = AlignedSum.sum(spectra, xA, yA, pixelSizeAngstrom, options, parallel);
        return DriftSummary.result(xA, yA, sum, pixelSizeAngstrom, options);
    }

    /** The half spectrum of every frame; frame 0 sets the size the others must have. */
    private HalfSpectrum[] transformAll(FrameSource source) throws IOException {
        int n = source.count();
        if (n < 1) {
            throw new IllegalArgumentException("movie has no frames; nothing to align");
        }
        FloatImage first = source.frame(0);
        int w = first.width();
        int h = first.height();
        HalfSpectrum[] spectra = new HalfSpectrum[n];
        spectra[0] = RealFft2D.forward(first.pixels(), w, h);
        try {
            indices(1, n, parallel).forEach(i -> spectra[i] = transform(source, i, w, h));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return spectra;
    }

    /** Shifts (frame px, [0] = x, [1] = y, any common origin), coarse to fine. */
    private double[][] shiftsPixel(HalfSpectrum[] spectra, double pixelSizeAngstrom, MotionOptions options) {
        int n = spectra.length;
        double[] sx = new double[n];
        double[] sy = new double[n];
        int w = spectra[0].width();
        int h = spectra[0].height();
        int bin = options.binning() > 0 ? options.binning() : autoBinning(w, h, pixelSizeAngstrom);
        int search = bin;
        while (Math.max(w, h) / search > SEARCH_MAX_PIXELS) {
            search++;
        }
        if (search > bin) {
            stage(spectra, search, pixelSizeAngstrom, options).refine(sx, sy, 1, options.maxIterations());
            stage(spectra, bin, pixelSizeAngstrom, options).refine(sx, sy, 0, options.maxIterations());
        } else {
            stage(spectra, bin, pixelSizeAngstrom, options).refine(sx, sy, FULL_CORRELATION_ROUNDS, options.maxIterations());
        }
        int fine = Math.max(1, (int) Math.round(FINE_PIXEL_ANGSTROM / pixelSizeAngstrom));
        if (options.binning() == 0 && fine < bin) {
            stage(spectra, fine, pixelSizeAngstrom, options).refine(sx, sy, 0, options.maxIterations());
        }
        return new double[][] {sx, sy};
    }

    private AlignmentStage stage(HalfSpectrum[] spectra, int bin, double pixelAngstrom, MotionOptions options) {
        int w = Math.max(2, (spectra[0].width() / bin) & ~1);
        int h = Math.max(2, (spectra[0].height() / bin) & ~1);
        return AlignmentStage.crop(spectra, w, h, pixelAngstrom, options.bFactorAngstrom2(), parallel);
    }

    /**
     * The binning of the coarse stage: pixels of about 2 Å and at most 512 px along the longer edge.
     * When that is coarser than 2 Å pixels (large frames), a fine stage at ~2 Å refines the shifts with
     * Newton steps only, which cost no inverse FFT.
     */
    static int autoBinning(int width, int height, double pixelSizeAngstrom) {
        int bin = Math.max(1, (int) Math.round(FINE_PIXEL_ANGSTROM / pixelSizeAngstrom));
        while (Math.max(width, height) / bin > COARSE_MAX_PIXELS) {
            bin++;
        }
        return bin;
    }

    private static HalfSpectrum transform(FrameSource source, int index, int w, int h) {
        FloatImage f;
        try {
            f = source.frame(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (f.width() != w || f.height() != h) {
            throw new IllegalArgumentException("frame " + index + " is " + f.width() + "×" + f.height()
                    + " px but frame 0 is " + w + "×" + h + " px");
        }
        return RealFft2D.forward(f.pixels(), w, h);
    }

    /**
     * Aligns a small synthetic movie (8 frames of 256², each the previous one moved down a row) three
     * times, so that the JIT has compiled the aligner's loops by the time real movies arrive. For a
     * spare thread at start-up, while the main thread loads classes and parses the command line on one
     * core: measured on 16 movies of 1024², the first two took 0.7 s instead of 1.05 s.
     */
    public static void warmUp() {
        int n = 256;
        float[] base = new float[n * n];
        int state = 1;
        for (int i = 0; i < base.length; i++) {
            state = state * 1103515245 + 12345;
            base[i] = (state >>> 16) / 65536f;
        }
        List<FloatImage> frames = new java.util.ArrayList<>();
        for (int f = 0; f < 8; f++) {
            float[] p = new float[n * n];
            System.arraycopy(base, 0, p, f * n, base.length - f * n);
            System.arraycopy(base, base.length - f * n, p, 0, f * n);
            frames.add(new FloatImage(n, n, p));
        }
        for (int round = 0; round < 3; round++) {
            singleThreaded().align(frames, 1.0, MotionOptions.defaults());
        }
    }
}
