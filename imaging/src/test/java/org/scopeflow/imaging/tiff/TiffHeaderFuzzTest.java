package org.scopeflow.imaging.tiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scopeflow.imaging.ImageFormatException;
import org.scopeflow.imaging.image.FloatImage;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes our TIFF/BigTIFF header parser, and the whole read path (our checks, then TwelveMonkeys).
 * Only an exception other than {@link ImageFormatException} is a finding. Seeds are tiny TIFFs in
 * src/test/resources/…/TiffHeaderFuzzTestInputs/.
 */
class TiffHeaderFuzzTest {
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("tiff-fuzz", ".tif");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "90s")
    void parseHeader(byte[] data) throws IOException {
        try {
            TiffInfo info = TiffHeaderParser.parse(ByteSource.of(data), "fuzz.tif");
            assertThat(info.pages()).isPositive();
            assertThat(info.width()).isBetween(1, TiffHeaderParser.MAX_DIMENSION);
            assertThat((long) info.width() * info.height()).isLessThanOrEqualTo(TiffHeaderParser.MAX_PAGE_PIXELS);
        } catch (ImageFormatException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz.tif: ");
        }
    }

    @FuzzTest(maxDuration = "90s")
    void readFile(byte[] data) throws IOException {
        Files.write(file, data);
        try {
            TiffInfo info = TiffReader.readHeader(file);
            List<FloatImage> pages = TiffReader.read(file);
            assertThat(pages).hasSize(info.pages());
            assertThat(pages.get(0).width()).isEqualTo(info.width());
        } catch (ImageFormatException expected) {
            assertThat(expected.getMessage()).startsWith(file + ": ");
        }
    }
}
