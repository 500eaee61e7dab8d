package org.scopeflow.imaging.mrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.scopeflow.imaging.TestImages.assertSameImages;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scopeflow.imaging.TestImages;
import org.scopeflow.imaging.image.FloatImage;

class MrcRoundTripTest {
    @TempDir
    Path dir;

    /** Pixels that every mode stores exactly. */
    static List<FloatImage> exactPixels(MrcMode mode, int width, int height, int sections) {
        return switch (mode) {
            case INT8 -> TestImages.integers(1, width, height, sections, -128, 127);
            case INT16 -> TestImages.integers(2, width, height, sections, -32768, 32767);
            case UINT16 -> TestImages.integers(3, width, height, sections, 0, 65535);
            case FLOAT32 -> TestImages.gaussian(4, width, height, sections, 12.5, 3);
            case FLOAT16 -> {
                List<FloatImage> images = TestImages.gaussian(5, width, height, sections, -7, 300);
                images.forEach(image -> {
                    float[] p = image.pixels();
                    for (int i = 0; i < p.length; i++) {
                        p[i] = MrcPixelCodec.quantize(MrcMode.FLOAT16, p[i]);
                    }
                });
                yield images;
            }
        };
    }

    static Stream<Arguments> modesAndOrders() {
        List<Arguments> cases = new ArrayList<>();
        for (MrcMode mode : MrcMode.values()) {
            for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                cases.add(Arguments.of(mode, order));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} image")
    @MethodSource("modesAndOrders")
    void singleImageRoundTripsExactly(MrcMode mode, ByteOrder order) throws IOException {
        List<FloatImage> image = exactPixels(mode, 37, 23, 1);
        Path file = dir.resolve("image.mrc");
        MrcWriter.write(file, image, MrcWriteOptions.of(mode, 1.06).withByteOrder(order));

        MrcData data = MrcReader.read(file);
        assertSameImages(image, data.sections());
        MrcHeader header = data.header();
        assertThat(header.mode()).isEqualTo(mode);
        assertThat(header.byteOrder()).isEqualTo(order);
        assertThat(header.nx()).isEqualTo(37);
        assertThat(header.ny()).isEqualTo(23);
        assertThat(header.nz()).isEqualTo(1);
        assertThat(header.pixelSizeAngstrom()).isCloseTo(1.06, within(1e-6));
        assertThat(Files.size(file)).isEqualTo(1024L + 37 * 23 * mode.bytesPerPixel());
        assertStatistics(header, image);
    }

    @ParameterizedTest(name = "{0} {1} stack")
    @MethodSource("modesAndOrders")
    void stackRoundTripsAsImageStack(MrcMode mode, ByteOrder order) throws IOException {
        List<FloatImage> frames = exactPixels(mode, 16, 20, 7);
        Path file = dir.resolve("frames.mrcs");
        MrcWriter.write(file, frames, MrcWriteOptions.of(mode, 0.83).withByteOrder(order));

        MrcData data = MrcReader.read(file);
        assertSameImages(frames, data.sections());
        assertThat(data.header().isImageStack()).isTrue();
        assertThat(data.header().isVolume()).isFalse();
        assertThat(data.header().ispg()).isZero();
        assertThat(data.header().mz()).isEqualTo(1);
        assertStatistics(data.header(), frames);
        assertSameImages(List.of(frames.get(4)), List.of(MrcReader.readSection(file, 4)));
    }

    @ParameterizedTest(name = "{0} {1} volume")
    @MethodSource("modesAndOrders")
    void volumeRoundTripsAsVolume(MrcMode mode, ByteOrder order) throws IOException {
        List<FloatImage> slices = exactPixels(mode, 12, 12, 12);
        Path file = dir.resolve("volume.mrc");
        MrcWriter.write(file, slices, MrcWriteOptions.of(mode, 2.5).withVolume(true).withByteOrder(order));

        MrcData data = MrcReader.read(file);
        assertSameImages(slices, data.sections());
        assertThat(data.header().isVolume()).isTrue();
        assertThat(data.header().ispg()).isEqualTo(1);
        assertThat(data.header().mz()).isEqualTo(12);
        assertThat(data.header().cellZAngstrom()).isEqualTo(30f);
        assertThat(data.header().pixelSizeAngstrom()).isEqualTo(2.5);
    }

    @Test
    void extendedHeaderAndLabelsRoundTrip() throws IOException {
        byte[] extended = new byte[131072 / 64];
        for (int i = 0; i < extended.length; i++) {
            extended[i] = (byte) (i * 31);
        }
        List<FloatImage> frames = exactPixels(MrcMode.FLOAT32, 8, 8, 3);
        Path file = dir.resolve("ext.mrc");
        MrcWriter.write(file, frames, MrcWriteOptions.of(MrcMode.FLOAT32, 1.0).withExtendedHeader(extended, "FEI1")
                .withLabels(List.of("Scopeflow test", "second label")).withByteOrder(ByteOrder.BIG_ENDIAN));

        MrcData data = MrcReader.read(file);
        assertThat(data.extendedHeader()).isEqualTo(extended);
        assertThat(data.header().extendedHeaderBytes()).isEqualTo(extended.length);
        assertThat(data.header().extendedHeaderType()).isEqualTo("FEI1");
        assertThat(data.header().labels()).containsExactly("Scopeflow test", "second label");
        assertSameImages(frames, data.sections());
        assertSameImages(List.of(frames.get(2)), List.of(MrcReader.readSection(file, 2)));
    }

    @Test
    void pixelSizeComesFromCellOverSampling() throws IOException {
        Path file = dir.resolve("cell.mrc");
        MrcWriter.write(file, exactPixels(MrcMode.INT16, 10, 10, 1), MrcWriteOptions.of(MrcMode.INT16, 1.0));
        // Rewrite the cell to 50 Å over mx = 10 → 5 Å/pixel, as another program might have written it.
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(40, 50f).putFloat(44, 30f);
        Files.write(file, bytes);

        MrcHeader header = MrcReader.readHeader(file);
        assertThat(header.pixelSizeAngstrom()).isEqualTo(5.0);
        assertThat(header.pixelSizeYAngstrom()).isEqualTo(3.0);
    }

    @Test
    void zeroMachineStampFallsBackToTheByteOrderThatMakesSense() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            List<FloatImage> image = exactPixels(MrcMode.INT16, 9, 5, 2);
            Path file = dir.resolve("old-" + order + ".mrc");
            MrcWriter.write(file, image, MrcWriteOptions.of(MrcMode.INT16, 1.0).withByteOrder(order));
            byte[] bytes = Files.readAllBytes(file);
            bytes[212] = 0;
            bytes[213] = 0;
            Files.write(file, bytes);

            MrcData data = MrcReader.read(file);
            assertThat(data.header().byteOrder()).isEqualTo(order);
            assertSameImages(image, data.sections());
        }
    }

    @Test
    void largeSectionsStreamThroughChunks() throws IOException {
        // 700×800 float32 = 2.24 MB per section: more than one 1 MiB chunk per section.
        List<FloatImage> frames = exactPixels(MrcMode.FLOAT32, 700, 800, 2);
        Path file = dir.resolve("big.mrcs");
        MrcWriter.write(file, frames, MrcWriteOptions.of(MrcMode.FLOAT32, 1.0));
        assertSameImages(frames, MrcReader.read(file).sections());
    }

    @Test
    void headerTextFieldsAreAscii() throws IOException {
        Path file = dir.resolve("map.mrc");
        MrcWriter.write(file, exactPixels(MrcMode.FLOAT32, 4, 4, 1), MrcWriteOptions.of(MrcMode.FLOAT32, 1.0));
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 208, 4, StandardCharsets.US_ASCII)).isEqualTo("MAP ");
        assertThat(bytes[212]).isEqualTo((byte) 0x44);
        assertThat(bytes[213]).isEqualTo((byte) 0x44);
    }

    private static void assertStatistics(MrcHeader header, List<FloatImage> images) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        for (FloatImage image : images) {
            for (float v : image.pixels()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (FloatImage image : images) {
            for (float v : image.pixels()) {
                squares += (v - mean) * (v - mean);
            }
        }
        assertThat((double) header.dmin()).isEqualTo(min);
        assertThat((double) header.dmax()).isEqualTo(max);
        assertThat((double) header.dmean()).isCloseTo(mean, within(1e-4 * Math.max(1, Math.abs(mean))));
        assertThat((double) header.rms()).isCloseTo(Math.sqrt(squares / n), within(1e-4 * Math.sqrt(squares / n)));
    }
}
