package org.scopeflow.imaging.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scopeflow.imaging.TestImages.assertSameImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.TestImages;
import org.scopeflow.imaging.image.FloatImage;

class ChannelImageOutputStreamTest {
    @TempDir
    Path dir;

    @Test
    void seekBackPatchReadAndBitsLandInTheFile() throws IOException {
        Path file = dir.resolve("s.bin");
        Files.write(file, new byte[2_000_000]); // an older, longer file is truncated
        byte[] expected = new byte[600_000];
        try (ChannelImageOutputStream out = new ChannelImageOutputStream(file)) {
            for (int i = 0; i < 500_000; i++) {
                out.write(i & 0x7f);
                expected[i] = (byte) (i & 0x7f);
            }
            out.seek(10);
            out.write(new byte[] {-1, -2, -3}, 0, 3);
            System.arraycopy(new byte[] {-1, -2, -3}, 0, expected, 10, 3);
            out.seek(300_000);
            assertThat(out.read()).isEqualTo(300_000 & 0x7f);
            out.seek(500_000);
            byte[] tail = new byte[100_000];
            java.util.Arrays.fill(tail, (byte) 7);
            out.write(tail, 0, tail.length);
            System.arraycopy(tail, 0, expected, 500_000, tail.length);
            out.seek(20);
            out.writeBits(0b101, 3);
            expected[20] = (byte) ((0b101 << 5) | (expected[20] & 0x1f));
            assertThat(out.length()).isEqualTo(600_000);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void moviesLargerThanTheBufferRoundTrip() throws IOException {
        for (TiffWriteOptions options : List.of(TiffWriteOptions.of(16, TiffCompression.NONE),
                new TiffWriteOptions(16, TiffCompression.LZW, true), TiffWriteOptions.of(8, TiffCompression.DEFLATE))) {
            List<FloatImage> frames = TestImages.integers(5, 512, 384, 4, 0, options.bitsPerSample() == 8 ? 255 : 65535);
            Path file = dir.resolve("big.tif");
            TiffWriter.write(file, frames, options);
            assertSameImages(frames, TiffReader.read(file));
        }
    }
}
