package org.scopeflow.imaging.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.ctf.CtfParameters;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.sim.MicroscopeSettings;
import org.scopeflow.imaging.sim.MovieSimulator;
import org.scopeflow.imaging.sim.MovieSpec;
import org.scopeflow.imaging.sim.SimulatedMovie;

class PngRendererTest {
    @Test
    void writesReadablePngsOfTheExpectedSizesWithRingsDrawn(@TempDir Path dir) throws Exception {
        MovieSpec spec = new MovieSpec(512, 4, 1.0, 40, CtfParameters.at300kV(15000, 14000, 20), 100, 0.25,
                MicroscopeSettings.krios());
        SimulatedMovie movie = new MovieSimulator().simulate(spec, 4);
        MotionResult motion = new MotionAligner().align(movie.frames(), 1.0, MotionOptions.defaults());
        CtfFit fit = new CtfEstimator().estimate(motion.alignedSum(), 1.0,
                new CtfSearch(300, 2.7, 0.07, 3000, 50000, 30, 5, 256));

        PngRenderer.write(PngRenderer.micrograph(motion.alignedSum(), 200), dir.resolve("m.png"));
        PngRenderer.write(PngRenderer.ctfFit(fit), dir.resolve("ctf.png"));
        PngRenderer.write(PngRenderer.driftTrack(motion, 300), dir.resolve("drift.png"));

        BufferedImage m = ImageIO.read(dir.resolve("m.png").toFile());
        assertThat(m.getWidth()).isEqualTo(170);
        BufferedImage ctf = ImageIO.read(dir.resolve("ctf.png").toFile());
        assertThat(ctf.getWidth()).isEqualTo(256);
        int green = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int rgb = ctf.getRGB(x, y);
                if (((rgb >> 8) & 0xff) == 230 && ((rgb >> 16) & 0xff) == 0) {
                    assertThat(x).as("rings only on the right half").isGreaterThan(128);
                    green++;
                }
            }
        }
        assertThat(green).isGreaterThan(100);
        assertThat(ImageIO.read(dir.resolve("drift.png").toFile()).getHeight()).isEqualTo(300);
    }

    @Test
    void picksAreCircledOnTheBinnedMicrograph(@TempDir Path dir) throws Exception {
        FloatImage flat = new FloatImage(400, 400, new float[400 * 400]);
        BufferedImage img = PngRenderer.picks(flat, 2.0, java.util.List.of(new Pick(200, 200, 80, 5)), 200);
        assertThat(img.getWidth()).isEqualTo(200);
        // 80 Å at 2 Å/px = 40 px diameter, binned by 2: a 10 px radius circle around (100, 100).
        int yellow = img.getRGB(110, 100);
        assertThat((yellow >> 16) & 0xff).isGreaterThan(200);
        assertThat(img.getRGB(100, 100) & 0xffffff).isNotEqualTo(yellow & 0xffffff);
        PngRenderer.write(img, dir.resolve("picks.png"));
        assertThat(ImageIO.read(dir.resolve("picks.png").toFile()).getHeight()).isEqualTo(200);
    }

    @Test
    void maxProjectionKeepsTheBrightestValuePerPixel() {
        FloatImage a = new FloatImage(2, 1, new float[] {1, 5});
        FloatImage b = new FloatImage(2, 1, new float[] {3, 2});
        assertThat(MaxProjector.project(java.util.List.of(a, b)).pixels()).containsExactly(3, 5);
    }

    @Test
    void montageLaysOutTilesInOrderEachStretchedOnItsOwnWithCaptions(@TempDir Path dir) throws Exception {
        // three 32² "classes": a bright disc on a dark background, a faint one, and a flat image
        java.util.List<FloatImage> classes = new java.util.ArrayList<>();
        for (float amplitude : new float[] {100f, 0.01f, 0f}) {
            float[] p = new float[32 * 32];
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    p[y * 32 + x] = Math.hypot(x - 16, y - 16) < 8 ? amplitude : 0f;
                }
            }
            classes.add(new FloatImage(32, 32, p));
        }
        BufferedImage m = PngRenderer.montage(classes, java.util.List.of("41.0 % · 8.1 Å", "33.0 %", "26.0 %"), 64, 2);
        PngRenderer.write(m, dir.resolve("classes.png"));
        BufferedImage read = ImageIO.read(dir.resolve("classes.png").toFile());
        int gap = 4;
        int cellW = 64 + gap;
        int cellH = 64 + 16 + gap;
        assertThat(read.getWidth()).isEqualTo(2 * cellW + gap);
        assertThat(read.getHeight()).isEqualTo(2 * cellH + gap);
        // tile 0 (top left) and tile 1 (top right): the faint disc is stretched to full contrast too
        for (int tile = 0; tile < 2; tile++) {
            int x0 = gap + tile * cellW;
            assertThat(read.getRGB(x0 + 32, gap + 32) & 0xff).as("disc centre of tile " + tile).isEqualTo(255);
            assertThat(read.getRGB(x0 + 2, gap + 2) & 0xff).as("background of tile " + tile).isEqualTo(0);
        }
        // the caption row under tile 0 has dark text pixels on white
        int dark = 0;
        for (int y = gap + 64; y < gap + 64 + 16; y++) {
            for (int x = gap; x < gap + 64; x++) {
                dark += (read.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        assertThat(dark).isGreaterThan(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PngRenderer.montage(classes, java.util.List.of("a"), 64, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 images, 1 captions");
    }
}
