package org.scopeflow.imaging.sim;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.scopeflow.imaging.ctf.CtfModel;
import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * The simulated microscope's image formation for one movie: a weak-phase specimen (ice plus particles
 * projected from a random {@link BlobVolume} at random orientations), imaged through the CTF with an
 * envelope, each frame displaced along a smooth drift track, recorded by a perfect counting detector
 * (Poisson counts at the frame's dose). Deterministic for a seed; stateless and thread-safe.
 */
public final class MovieSimulator {

    /**
     * Simulates one movie.
     *
     * @param spec what to simulate
     * @param seed the random seed: the same spec and seed give the same frames and truth
     */
    public SimulatedMovie simulate(MovieSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = spec.sizePixel();
        BlobVolume volume = BlobVolume.random(spec.particleDiameterAngstrom(), random.split());
        List<MovieTruth.Particle> particles = ParticleLayout.place(n,
                spec.particleDiameterAngstrom() / spec.pixelSizeAngstrom(), spec.particleCoverage(), random.split());
        FloatImage phase = PhaseObjectRenderer.render(spec, volume, particles, random.split());
        float[] intensitySpectrum = Fourier2D.forward(phase);
        applyTransfer(intensitySpectrum, spec);
        DriftTrack drift = DriftTrack.random(spec.frames(), spec.pixelSizeAngstrom(), random.split());
        SplittableRandom[] frameRandoms = new SplittableRandom[spec.frames()];
        for (int f = 0; f < frameRandoms.length; f++) {
            frameRandoms[f] = random.split();
        }
        FloatImage[] frames = new FloatImage[spec.frames()];
        double electrons = spec.electronsPerPixelPerFrame();
        IntStream.range(0, (spec.frames() + 1) / 2).parallel().forEach(pair -> {
            int a = 2 * pair;
            int b = Math.min(a + 1, spec.frames() - 1);
            FloatImage[] intensities = shiftedPair(intensitySpectrum, n, drift, a, b);
            frames[a] = count(intensities[0], electrons, new PoissonSampler(frameRandoms[a]));
            if (b != a) {
                frames[b] = count(intensities[1], electrons, new PoissonSampler(frameRandoms[b]));
            }
        });
        MovieTruth truth = new MovieTruth(drift, spec.pixelSizeAngstrom(), spec.ctf(), particles,
                spec.particleDiameterAngstrom(), spec.totalDoseElectronPerAngstrom2());
        return new SimulatedMovie(List.of(frames), truth);
    }

    /**
     * The intensities of two frames from one complex inverse FFT: both spectra are Hermitian, so
     * A + i·B transforms back to a (real part) and b (imaginary part).
     */
    private static FloatImage[] shiftedPair(float[] spectrum, int n, DriftTrack drift, int a, int b) {
        float[] sa = spectrum.clone();
        Fourier2D.shift(sa, n, n, drift.x(a), drift.y(a));
        float[] sb = spectrum.clone();
        Fourier2D.shift(sb, n, n, drift.x(b), drift.y(b));
        for (int i = 0; i < sa.length; i += 2) {
            float re = sa[i] - sb[i + 1];
            float im = sa[i + 1] + sb[i];
            sa[i] = re;
            sa[i + 1] = im;
        }
        Fourier2D.inverseComplex(sa, n, n);
        float[] pa = new float[n * n];
        float[] pb = new float[n * n];
        for (int i = 0; i < pa.length; i++) {
            pa[i] = sa[2 * i];
            pb[i] = sa[2 * i + 1];
        }
        return new FloatImage[] {new FloatImage(n, n, pa), new FloatImage(n, n, pb)};
    }

    /**
     * Turns the phase spectrum into the relative intensity spectrum, weak-phase approximation:
     * I(k) = δ(k) + 2·CTF(k)·E(k)·Φ(k). A uniform phase is invisible, so the phase's mean is dropped.
     */
    private static void applyTransfer(float[] spectrum, MovieSpec spec) {
        int n = spec.sizePixel();
        CtfModel ctf = new CtfModel(spec.ctf());
        double b = spec.microscope().bFactorAngstrom2();
        double toPerAngstrom = 1 / spec.pixelSizeAngstrom();
        for (int y = 0; y < n; y++) {
            double ky = Fourier2D.frequency(y, n) * toPerAngstrom;
            for (int x = 0; x < n; x++) {
                double kx = Fourier2D.frequency(x, n) * toPerAngstrom;
                double k2 = kx * kx + ky * ky;
                double weight = 2 * ctf.value(kx, ky) * Math.exp(-b * k2 / 4);
                int i = 2 * (y * n + x);
                spectrum[i] = (float) (spectrum[i] * weight);
                spectrum[i + 1] = (float) (spectrum[i + 1] * weight);
            }
        }
        spectrum[0] = (float) n * n;
        spectrum[1] = 0;
    }

    private static FloatImage count(FloatImage intensity, double electronsPerPixel, PoissonSampler sampler) {
        float[] p = intensity.pixels();
        for (int i = 0; i < p.length; i++) {
            p[i] = sampler.sample(Math.max(0, p[i]) * electronsPerPixel);
        }
        return intensity;
    }
}
