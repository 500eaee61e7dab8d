package org.scopeflow.imaging.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.ImageFormatException;
import org.scopeflow.imaging.TestImages;

class TiffCorruptFileTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void handBuiltImageIsReadByUsAndTwelveMonkeys() throws IOException {
        byte[] pixels = {0, 1, 2, (byte) 200, (byte) 255, 7};
        Path file = write("ok.tif", TiffBytes.greyscale(3, 2, 8, pixels).bytes());
        TiffInfo info = TiffReader.readHeader(file);
        assertThat(info.width()).isEqualTo(3);
        assertThat(info.pages()).isEqualTo(1);
        assertThat(TiffReader.read(file).get(0).pixels()).containsExactly(0, 1, 2, 200, 255, 7);
    }

    @Test
    void notATiff() throws IOException {
        Path file = write("text.tif", "ABCDEFGHIJKL".getBytes());
        assertThatThrownBy(() -> TiffReader.readHeader(file)).isInstanceOf(ImageFormatException.class)
                .hasMessage(file + ": byte-order mark = 0x4142 is neither II nor MM; not a TIFF file");
    }

    @Test
    void tooShort() throws IOException {
        Path file = write("short.tif", new byte[] {'I', 'I', 42});
        assertThatThrownBy(() -> TiffReader.readHeader(file)).isInstanceOf(ImageFormatException.class)
                .hasMessage(file + ": file length = 3 bytes is shorter than the 8-byte TIFF header");
    }

    @Test
    void ifdLoopIsCaught() throws IOException {
        Path file = write("loop.tif", TiffBytes.greyscale(2, 2, 8, new byte[4]).nextIfd(8).bytes());
        assertThatThrownBy(() -> TiffReader.readHeader(file)).isInstanceOf(ImageFormatException.class)
                .hasMessage(file + ": IFD 1 offset = 8 points back to an earlier IFD; the IFD chain loops");
    }

    @Test
    void missingWidthIsNamed() throws IOException {
        Path file = write("nowidth.tif", TiffBytes.greyscale(2, 2, 8, new byte[4]).without(256).bytes());
        assertThatThrownBy(() -> TiffReader.readHeader(file)).isInstanceOf(ImageFormatException.class)
                .hasMessage(file + ": IFD 0 tag ImageWidth (256) = missing is required; the IFD does not describe an image");
    }

    @Test
    void hugeWidthIsRejectedBeforeDecoding() throws IOException {
        Path file = write("wide.tif", TiffBytes.greyscale(2, 2, 8, new byte[4]).tag(256, 4_000_000).bytes());
        assertThatThrownBy(() -> TiffReader.read(file)).isInstanceOf(ImageFormatException.class)
                .hasMessage(file + ": IFD 0 tag ImageWidth (256) = 4000000 is out of range; expected 1 to 65536");
    }

    @Test
    void sizeTheFileCannotHoldIsRejectedBeforeAllocating() throws IOException {
        Path file = write("bomb.tif", TiffBytes.greyscale(30000, 30000, 8, new byte[4]).bytes());
        assertThatThrownBy(() -> TiffReader.read(file)).isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith(file + ": image size = 1 × 30000×30000 × 8 bits needs 900000000 bytes");
    }

    @Test
    void floatSamplesAreNamedAsUnsupported() throws IOException {
        Path file = write("float.tif", TiffBytes.greyscale(1, 1, 32, new byte[4]).tag(339, 3).bytes());
        assertThat(TiffReader.readHeader(file).sampleFormat()).isEqualTo(3);
        assertThatThrownBy(() -> TiffReader.read(file)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(file + ": tags BitsPerSample / SampleFormat = 32 / 3 is not supported");
    }

    @Test
    void jpegCompressionIsNamedAsUnsupported() throws IOException {
        Path file = write("jpeg.tif", TiffBytes.greyscale(2, 2, 8, new byte[4]).tag(259, 7).bytes());
        assertThatThrownBy(() -> TiffReader.read(file)).isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith(file + ": tag Compression = 7 is not supported");
    }

    @Test
    void truncatedMovieNamesTheFileAndWhatIsMissing() throws IOException {
        for (boolean bigTiff : new boolean[] {false, true}) {
            Path file = dir.resolve("movie-" + bigTiff + ".tif");
            TiffWriter.write(file, TestImages.integers(3, 64, 64, 4, 0, 65535),
                    new TiffWriteOptions(16, TiffCompression.LZW, bigTiff));
            byte[] whole = Files.readAllBytes(file);
            for (int length : new int[] {whole.length / 2, whole.length - 3, 12}) {
                Path cut = write("cut-" + bigTiff + "-" + length + ".tif", Arrays.copyOf(whole, length));
                assertThatThrownBy(() -> TiffReader.read(cut)).as("cut to %d bytes", length)
                        .isInstanceOf(ImageFormatException.class)
                        .hasMessageStartingWith(cut + ": ")
                        .satisfies(e -> assertThat(((ImageFormatException) e).field()).isNotBlank());
            }
        }
    }

    @Test
    void corruptCompressedDataIsAFormatError() throws IOException {
        Path file = dir.resolve("lzw.tif");
        TiffWriter.write(file, TestImages.integers(3, 64, 64, 1, 0, 255), TiffWriteOptions.of(8, TiffCompression.DEFLATE));
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 8; i < 200; i++) {
            bytes[i] = (byte) 0xff; // inside the deflate stream, which starts right after the header
        }
        Path corrupt = write("corrupt.tif", bytes);
        assertThatThrownBy(() -> TiffReader.read(corrupt)).isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith(corrupt + ": page 0 pixel data = DEFLATE could not be decoded");
    }

    @Test
    void missingPageIsAnArgumentError() throws IOException {
        Path file = dir.resolve("one.tif");
        TiffWriter.write(file, List.of(TestImages.integers(1, 4, 4, 1, 0, 9).get(0)), TiffWriteOptions.of(8, TiffCompression.NONE));
        assertThatThrownBy(() -> TiffReader.readPage(file, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": page 1 does not exist; the file has 1 pages (0 to 0)");
    }
}
