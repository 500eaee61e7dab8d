package org.scopeflow.imaging.mrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.ImageFormatException;
import org.scopeflow.imaging.image.FloatImage;

class MrcCorruptFileTest {
    @TempDir
    Path dir;

    /** A valid 8×6×3 int16 stack, then {@code edit} applied to its bytes (little-endian view). */
    private Path stack(String name, Consumer<ByteBuffer> edit) throws IOException {
        Path file = dir.resolve(name);
        MrcWriter.write(file, MrcRoundTripTest.exactPixels(MrcMode.INT16, 8, 6, 3), MrcWriteOptions.of(MrcMode.INT16, 1));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(bytes);
        Files.write(file, bytes.array());
        return file;
    }

    private static void assertFormatError(Path file, String message) {
        assertThatThrownBy(() -> MrcReader.read(file)).isInstanceOf(ImageFormatException.class).hasMessage(message);
        assertThatThrownBy(() -> MrcReader.readHeader(file)).isInstanceOf(ImageFormatException.class).hasMessage(message);
        assertThatThrownBy(() -> MrcReader.readSection(file, 0)).isInstanceOf(ImageFormatException.class)
                .hasMessage(message);
    }

    @Test
    void unsupportedModeNamesFileFieldAndValue() throws IOException {
        Path file = stack("mode5.mrc", b -> b.putInt(12, 5));
        assertFormatError(file, file + ": header field mode = 5 is not a supported MRC mode; expected 0, 1, 2, 6 or 12");
        ImageFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ImageFormatException.class,
                () -> MrcReader.readHeader(file));
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.field()).isEqualTo("header field mode");
        assertThat(e.value()).isEqualTo("5");
    }

    @Test
    void truncatedFileNamesExpectedAndActualBytes() throws IOException {
        Path file = dir.resolve("cut.mrcs");
        MrcWriter.write(file, MrcRoundTripTest.exactPixels(MrcMode.INT16, 8, 6, 3), MrcWriteOptions.of(MrcMode.INT16, 1));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 10));
        assertFormatError(file, file + ": file length = 1302 bytes is shorter than the 1312 bytes the header describes"
                + " (1024 header + 0 extended header + 8×6×3 pixels × 2 bytes); the file is truncated"
                + " (still being written, or a partial copy)");
    }

    @Test
    void fileShorterThanTheHeader() throws IOException {
        Path file = dir.resolve("tiny.mrc");
        Files.write(file, new byte[100]);
        assertFormatError(file, file + ": file length = 100 bytes is shorter than the 1024-byte MRC header;"
                + " the file is truncated or not an MRC file");
    }

    @Test
    void extraBytesAreReported() throws IOException {
        Path file = dir.resolve("long.mrc");
        MrcWriter.write(file, MrcRoundTripTest.exactPixels(MrcMode.INT8, 4, 4, 1), MrcWriteOptions.of(MrcMode.INT8, 1));
        Files.write(file, new byte[7], java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> MrcReader.read(file)).isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith(file + ": file length = 1047 bytes is longer than the 1040 bytes the header describes");
    }

    @Test
    void hostileSizesFailBeforeAllocating() throws IOException {
        Path negative = stack("neg.mrc", b -> b.putInt(0, -4));
        assertFormatError(negative, negative + ": header field nx = -4 is out of range; expected 1 to 65536");
        Path zero = stack("zero.mrc", b -> b.putInt(8, 0));
        assertFormatError(zero, zero + ": header field nz = 0 is out of range; expected 1 to 16777216");
        Path huge = stack("huge.mrc", b -> b.putInt(0, 65536).putInt(4, 65536).putInt(8, 1 << 24));
        assertFormatError(huge, huge + ": header fields nx × ny = 65536 × 65536 is more than the 1073741824 pixels"
                + " per section we can decode");
        Path big = stack("big.mrc", b -> b.putInt(0, 32768).putInt(4, 32768).putInt(8, 1 << 24));
        assertThatThrownBy(() -> MrcReader.read(big)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("file length = 1312 bytes is shorter than the 36028797018964992 bytes");
    }

    @Test
    void hostileExtendedHeaderLength() throws IOException {
        Path negative = stack("nsymbt-neg.mrc", b -> b.putInt(92, -1));
        assertFormatError(negative, negative + ": header field nsymbt = -1 is negative; expected the extended header"
                + " length in bytes (0 when there is none)");
        Path huge = stack("nsymbt-huge.mrc", b -> b.putInt(92, Integer.MAX_VALUE));
        assertThatThrownBy(() -> MrcReader.read(huge)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("(1024 header + 2147483647 extended header + 8×6×3 pixels × 2 bytes)");
    }

    @Test
    void missingSectionIsAnArgumentError() throws IOException {
        Path file = stack("ok.mrcs", b -> { });
        assertThatThrownBy(() -> MrcReader.readSection(file, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": section 3 does not exist; the file has 3 sections (0 to 2)");
    }

    @Test
    void writerRejectsValuesTheModeCannotHold() {
        Path file = dir.resolve("w.mrc");
        FloatImage image = new FloatImage(3, 2, new float[] {0, 1, 2, 3, 128, 5});
        assertThatThrownBy(() -> MrcWriter.write(file, List.of(image), MrcWriteOptions.of(MrcMode.INT8, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": section 0 pixel (1, 1) = 128.0 cannot be stored in mode INT8 (range -128.0 to"
                        + " 127.0); scale the data or choose FLOAT32");
        FloatImage nan = new FloatImage(1, 1, new float[] {Float.NaN});
        assertThatThrownBy(() -> MrcWriter.write(file, List.of(nan), MrcWriteOptions.of(MrcMode.UINT16, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("= NaN cannot be stored");
        FloatImage big = new FloatImage(1, 1, new float[] {70000f});
        assertThatThrownBy(() -> MrcWriter.write(file, List.of(big), MrcWriteOptions.of(MrcMode.FLOAT16, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("= 70000.0 cannot be stored");
    }

    @Test
    void writerRejectsSectionsOfDifferentSizes() {
        Path file = dir.resolve("mixed.mrcs");
        List<FloatImage> sections = List.of(FloatImage.zeros(4, 4), FloatImage.zeros(4, 5));
        assertThatThrownBy(() -> MrcWriter.write(file, sections, MrcWriteOptions.of(MrcMode.FLOAT32, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": section 1 is 4×5 but section 0 is 4×4; all sections must match");
    }

    @Test
    void optionsNameTheirBadValue() {
        assertThatThrownBy(() -> MrcWriteOptions.of(MrcMode.FLOAT32, -1))
                .hasMessage("pixelSizeAngstrom = -1.0 must be a finite number ≥ 0 (0 when unknown)");
        assertThatThrownBy(() -> MrcWriteOptions.of(MrcMode.FLOAT32, 1).withExtendedHeader(new byte[8], ""))
                .hasMessageContaining("needs an extendedHeaderType");
        assertThatThrownBy(() -> MrcWriteOptions.of(MrcMode.FLOAT32, 1).withExtendedHeader(new byte[8], "TOOLONG"))
                .hasMessage("extendedHeaderType 'TOOLONG' is longer than 4 characters");
    }
}
