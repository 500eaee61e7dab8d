package org.scopeflow.imaging.qc;

import java.util.List;
import org.scopeflow.imaging.ctf.CtfParameters;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Estimates defocus, astigmatism and fit resolution from one micrograph: averaged periodogram of tiles,
 * a 1-D defocus scan on the rotational average (background = moving average over one ring period, so
 * rings cancel; see {@link DefocusScan}), then a 2-D refinement of mean defocus and astigmatism
 * (m, a·cos 2θ, a·sin 2θ) by Nelder–Mead maximising the correlation of the background-normalised
 * spectrum with CTF², started from a small astigmatism grid around each of the best 1-D defocus values.
 * Stateless and thread-safe; the work runs on the calling thread (JTransforms may add threads for large
 * tiles unless the JVM has one processor).
 */
public final class CtfEstimator {
    private static final int STARTS = 3;

    /**
     * @param micrograph the (motion-corrected) micrograph
     * @param pixelSizeAngstrom its pixel size (Å)
     * @param search search range and optics
     * @throws IllegalArgumentException when the micrograph or pixel size cannot hold the fit range
     * @throws IllegalStateException when no Thon rings are found in the defocus range
     */
    public CtfFit estimate(FloatImage micrograph, double pixelSizeAngstrom, CtfSearch search) {
        FloatImage spectrum = PowerSpectrum.averaged(micrograph, search.tileSizePixel());
        int n = spectrum.width();
        CtfOptics optics = CtfOptics.of(search, n, pixelSizeAngstrom);
        double rMin = Math.max(4, n * pixelSizeAngstrom / search.lowResolutionAngstrom());
        double rMax = Math.min(n / 2.0 - 2, n * pixelSizeAngstrom / search.highResolutionAngstrom());
        if (rMax < rMin + 8) {
            throw new IllegalArgumentException("pixel size " + pixelSizeAngstrom + " Å with " + n
                    + "-px tiles leaves no room between the fit limits " + search.lowResolutionAngstrom() + " and "
                    + search.highResolutionAngstrom() + " Å; lower --high-resolution or use larger tiles");
        }
        SpectrumPixels pixels = new SpectrumPixels(spectrum, pixelSizeAngstrom, rMin);
        DefocusScan scan = new DefocusScan(pixels.radialProfile(), optics, rMin, rMax);
        List<Double> starts = scan.bestDefocus(search.defocusMinAngstrom(), search.defocusMaxAngstrom(), STARTS);
        if (starts.isEmpty()) {
            throw new IllegalStateException("no Thon rings found between " + search.defocusMinAngstrom() + " and "
                    + search.defocusMaxAngstrom() + " Å defocus; check the pixel size and defocus range");
        }
        AstigmatismRefiner.Result best = null;
        for (double m0 : starts) {
            AstigmatismRefiner.Result r = new AstigmatismRefiner(pixels, scan, optics, m0).refine();
            if (best == null || r.score() > best.score()) {
                best = r;
            }
        }
        CtfParameters ctf = best.toParameters(search).canonical();
        double resolution = FitResolution.estimate(pixels, scan, optics, best);
        return new CtfFit(ctf, resolution, best.score(), spectrum, pixelSizeAngstrom);
    }
}
