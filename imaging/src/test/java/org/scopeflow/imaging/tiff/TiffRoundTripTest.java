package org.scopeflow.imaging.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scopeflow.imaging.TestImages.assertSameImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scopeflow.imaging.TestImages;
import org.scopeflow.imaging.image.FloatImage;

class TiffRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> combinations() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits : new int[] {8, 16}) {
            for (TiffCompression compression : TiffCompression.values()) {
                for (boolean bigTiff : new boolean[] {false, true}) {
                    cases.add(Arguments.of(bits, compression, bigTiff));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}-bit {1} bigTiff={2}")
    @MethodSource("combinations")
    void multiPageMovieRoundTripsPixelExactly(int bits, TiffCompression compression, boolean bigTiff)
            throws IOException {
        int max = bits == 8 ? 255 : 65535;
        List<FloatImage> frames = TestImages.integers(bits * 31L + compression.ordinal(), 67, 45, 5, 0, max);
        // Sparse counts compress the way real counting-mode movies do.
        frames.addAll(TestImages.integers(7, 67, 45, 1, 0, 3));
        Path file = dir.resolve("movie.tif");
        TiffWriter.write(file, frames, new TiffWriteOptions(bits, compression, bigTiff));

        TiffInfo info = TiffReader.readHeader(file);
        assertThat(info.width()).isEqualTo(67);
        assertThat(info.height()).isEqualTo(45);
        assertThat(info.pages()).isEqualTo(6);
        assertThat(info.bitsPerSample()).isEqualTo(bits);
        assertThat(info.sampleFormat()).isEqualTo(1);
        assertThat(TiffCompression.fromCode(info.compression())).contains(compression);
        assertThat(info.bigTiff()).isEqualTo(bigTiff);
        assertThat(info.samplesPerPixel()).isEqualTo(1);

        assertSameImages(frames, TiffReader.read(file));
        assertSameImages(List.of(frames.get(3)), List.of(TiffReader.readPage(file, 3)));
    }

    @Test
    void rewritingAShorterFileLeavesNoStaleTail() throws IOException {
        Path file = dir.resolve("reused.tif");
        TiffWriter.write(file, TestImages.integers(1, 64, 64, 4, 0, 255), TiffWriteOptions.of(8, TiffCompression.NONE));
        List<FloatImage> small = TestImages.integers(2, 8, 8, 1, 0, 255);
        TiffWriter.write(file, small, TiffWriteOptions.of(8, TiffCompression.NONE));
        assertThat(Files.size(file)).isLessThan(1000);
        assertSameImages(small, TiffReader.read(file));
    }

    @Test
    void usesTheTwelveMonkeysPluginNotTheJdkOne() throws IOException {
        for (boolean bigTiff : new boolean[] {false, true}) {
            ImageReader reader = TwelveMonkeysPlugins.reader(bigTiff);
            ImageWriter writer = TwelveMonkeysPlugins.writer(bigTiff);
            assertThat(reader.getClass().getName()).startsWith("com.twelvemonkeys.imageio.plugins.tiff.");
            assertThat(writer.getClass().getName()).startsWith("com.twelvemonkeys.imageio.plugins.tiff.");
            reader.dispose();
            writer.dispose();
        }
    }

    @Test
    void valuesThatDoNotFitAreRejectedNotClipped() {
        FloatImage image = new FloatImage(2, 1, new float[] {3, 256});
        assertThatThrownBy(() -> TiffWriter.write(dir.resolve("x.tif"), List.of(image),
                TiffWriteOptions.of(8, TiffCompression.LZW)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pixel (1, 0) = 256.0")
                .hasMessageContaining("0 to 255");
    }
}
