package org.scopeflow.imaging.qc;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.scopeflow.imaging.ctf.CtfModel;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Renders quality images for the web UI as 8-bit PNGs: micrographs (binned to fit, contrast stretched
 * between the 0.5th and 99.5th percentiles), power spectra (log, stretched), a spectrum with the zeros
 * of a fitted CTF drawn over its right half, a drift track plot, and montages of 2D class averages. Stateless.
 */
public final class PngRenderer {
    private static final Color RING = new Color(0, 230, 90);

    private PngRenderer() {}

    /** A greyscale view of the image binned so its longer edge is at most {@code maxEdgePixel}. */
    public static BufferedImage micrograph(FloatImage image, int maxEdgePixel) {
        int bin = Math.max(1, (int) Math.ceil(Math.max(image.width(), image.height()) / (double) maxEdgePixel));
        return grey(Binning.average(image, bin));
    }

    /** A centred power spectrum on a log scale. */
    public static BufferedImage powerSpectrum(FloatImage centredSpectrum) {
        return grey(logOf(centredSpectrum));
    }

    /**
     * The fitted spectrum (smoothed, divided by its rotational average so rings stand out): data on the
     * left half; on the right half the fitted CTF zeros in green, out to the fit resolution.
     */
    public static BufferedImage ctfFit(CtfFit fit) {
        FloatImage ps = fit.powerSpectrum();
        BufferedImage out = grey(flattened(ps));
        double ringLimitPixel = ps.width() * fit.spectrumPixelSizeAngstrom() / fit.fitResolutionAngstrom();
        CtfModel model = new CtfModel(fit.ctf());
        int n = ps.width();
        int c = n / 2;
        double toK = 1 / (n * fit.spectrumPixelSizeAngstrom());
        double alpha = Math.asin(fit.ctf().amplitudeContrast());
        int[] previousRow = new int[n];
        for (int y = 0; y < n; y++) {
            int previous = Integer.MIN_VALUE;
            for (int x = c + 1; x < n; x++) {
                double phase = model.chi((x - c) * toK, (y - c) * toK) + alpha;
                int ring = (int) Math.floor(phase / Math.PI);
                boolean edge = (previous != Integer.MIN_VALUE && ring != previous) || (y > 0 && ring != previousRow[x]);
                double r = Math.hypot(x - c, y - c);
                if (edge && r > 4 && r <= ringLimitPixel) {
                    out.setRGB(x, y, RING.getRGB());
                }
                previous = ring;
                previousRow[x] = ring;
            }
        }
        return out;
    }

    /**
     * The micrograph binned to fit {@code maxEdgePixel}, with a circle of each pick's diameter drawn
     * around it (yellow), so that a person can judge the picking at a glance.
     */
    public static BufferedImage picks(FloatImage micrograph, double pixelSizeAngstrom, java.util.List<Pick> picks, int maxEdgePixel) {
        int bin = Math.max(1, (int) Math.ceil(Math.max(micrograph.width(), micrograph.height()) / (double) maxEdgePixel));
        BufferedImage grey = grey(Binning.average(micrograph, bin));
        BufferedImage out = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(grey, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(255, 210, 0));
        g.setStroke(new BasicStroke(1.5f));
        for (Pick p : picks) {
            double r = Math.max(2, p.diameterAngstrom() / pixelSizeAngstrom / 2 / bin);
            g.drawOval((int) Math.round(p.xPixel() / bin - r), (int) Math.round(p.yPixel() / bin - r),
                    (int) Math.round(2 * r), (int) Math.round(2 * r));
        }
        g.dispose();
        return out;
    }

    /** A plot of the drift track (Å), frame 0 marked with a circle, axes at the origin. */
    public static BufferedImage driftTrack(MotionResult motion, int sizePixel) {
        BufferedImage out = new BufferedImage(sizePixel, sizePixel, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sizePixel, sizePixel);
        double[] x = motion.shiftXAngstrom();
        double[] y = motion.shiftYAngstrom();
        double extent = 5;
        for (int i = 0; i < x.length; i++) {
            extent = Math.max(extent, Math.max(Math.abs(x[i]), Math.abs(y[i])));
        }
        double scale = (sizePixel / 2.0 - 20) / extent;
        int c = sizePixel / 2;
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(0, c, sizePixel, c);
        g.drawLine(c, 0, c, sizePixel);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(java.util.Locale.ROOT, "±%.1f Å, total %.1f Å", extent, motion.totalDriftAngstrom()), 6, 14);
        g.setColor(new Color(30, 90, 200));
        g.setStroke(new BasicStroke(2f));
        for (int i = 1; i < x.length; i++) {
            g.drawLine(c + (int) Math.round(x[i - 1] * scale), c + (int) Math.round(y[i - 1] * scale),
                    c + (int) Math.round(x[i] * scale), c + (int) Math.round(y[i] * scale));
        }
        for (int i = 0; i < x.length; i++) {
            int px = c + (int) Math.round(x[i] * scale);
            int py = c + (int) Math.round(y[i] * scale);
            int r = i == 0 ? 6 : 3;
            g.fillOval(px - r, py - r, 2 * r, 2 * r);
        }
        g.dispose();
        return out;
    }

    /**
     * A grid of small images (2D class averages) in the given order, {@code columns} to a row, each
     * scaled to {@code tilePixel} square and contrast-stretched on its own (classes differ in
     * brightness), with its caption (e.g. share of particles and resolution) under it on white.
     *
     * @throws IllegalArgumentException when there are no images, captions do not match them, or a size is not positive
     */
    public static BufferedImage montage(java.util.List<FloatImage> images, java.util.List<String> captions, int tilePixel,
            int columns) {
        if (images.isEmpty() || images.size() != captions.size() || tilePixel < 8 || columns < 1) {
            throw new IllegalArgumentException("a montage needs one caption per image and sizes ≥ 8 px / 1 column; got "
                    + images.size() + " images, " + captions.size() + " captions, " + tilePixel + " px, " + columns + " columns");
        }
        int gap = 4;
        int captionHeight = 16;
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int cellW = tilePixel + gap;
        int cellH = tilePixel + captionHeight + gap;
        BufferedImage out = new BufferedImage(cols * cellW + gap, rows * cellH + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(g.getFont().deriveFont(11f));
        for (int i = 0; i < images.size(); i++) {
            int x = gap + (i % cols) * cellW;
            int y = gap + (i / cols) * cellH;
            g.drawImage(grey(images.get(i)), x, y, tilePixel, tilePixel, null);
            g.setColor(Color.DARK_GRAY);
            String caption = captions.get(i);
            int width = g.getFontMetrics().stringWidth(caption);
            g.drawString(caption, x + Math.max(0, (tilePixel - width) / 2), y + tilePixel + captionHeight - 4);
        }
        g.dispose();
        return out;
    }

    /**
     * Loads what drawing and PNG encoding need (Java2D, the fonts, zlib: ~0.2 s the first time in a
     * JVM) by rendering a small plot to memory. A caller about to spend a while on other work can run
     * this on a spare thread so that its first real plot does not wait for it.
     */
    public static void prepare() {
        MotionResult empty = new MotionResult(new double[] {0, 1}, new double[] {0, 1}, 1, 1, 0, 1,
                FloatImage.zeros(2, 2), 1);
        try {
            PngEncoder.write(driftTrack(empty, 32), OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a null stream cannot fail", e);
        }
    }

    /** Writes a PNG. @throws IOException naming the file when it cannot be written */
    public static void write(BufferedImage image, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            PngEncoder.write(image, out);
        } catch (IOException e) {
            throw new IOException(file + ": cannot write the PNG: " + e.getMessage(), e);
        }
    }

    /** 3×3 box-smoothed spectrum divided by its mean at each integer radius. */
    private static FloatImage flattened(FloatImage spectrum) {
        int n = spectrum.width();
        int c = n / 2;
        float[] p = spectrum.pixels();
        float[] smooth = new float[p.length];
        for (int y = 1; y < n - 1; y++) {
            for (int x = 1; x < n - 1; x++) {
                float s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        s += p[(y + dy) * n + x + dx];
                    }
                }
                smooth[y * n + x] = s / 9;
            }
        }
        double[] sum = new double[n];
        int[] count = new int[n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int r = (int) Math.round(Math.hypot(x - c, y - c));
                sum[r] += smooth[y * n + x];
                count[r]++;
            }
        }
        float[] out = new float[p.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int r = (int) Math.round(Math.hypot(x - c, y - c));
                double mean = sum[r] / count[r];
                out[y * n + x] = r < 3 || mean <= 0 ? 1 : (float) (smooth[y * n + x] / mean);
            }
        }
        return new FloatImage(n, spectrum.height(), out);
    }

    private static FloatImage logOf(FloatImage spectrum) {
        float[] p = spectrum.pixels();
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) Math.log1p(Math.max(0, p[i]));
        }
        int c = spectrum.width() / 2;
        out[c * spectrum.width() + c] = out[c * spectrum.width() + c + 1];
        return new FloatImage(spectrum.width(), spectrum.height(), out);
    }

    private static BufferedImage grey(FloatImage image) {
        float[] p = image.pixels();
        float[] sorted = p.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) (0.005 * (sorted.length - 1))];
        double hi = sorted[(int) (0.995 * (sorted.length - 1))];
        double scale = hi > lo ? 255 / (hi - lo) : 0;
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int v = (int) Math.round((p[y * image.width() + x] - lo) * scale);
                v = Math.max(0, Math.min(255, v));
                out.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return out;
    }
}
