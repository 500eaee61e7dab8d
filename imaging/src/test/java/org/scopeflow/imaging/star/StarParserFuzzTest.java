package org.scopeflow.imaging.star;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.scopeflow.imaging.ImageFormatException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the STAR parser. Oracle: any text the parser accepts writes back to text that parses to an
 * equal document (lossless round trip); any text it rejects is rejected with
 * {@link ImageFormatException}. Seeds are small STAR files in …/StarParserFuzzTestInputs/.
 */
class StarParserFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void parse(byte[] data) throws IOException {
        String text = new String(data, StandardCharsets.UTF_8);
        StarDocument document;
        try {
            document = StarReader.parse("fuzz.star", new StringReader(text));
        } catch (ImageFormatException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz.star: line ");
            return;
        }
        String written = StarWriter.toString(document);
        StarDocument again = StarReader.parse("written.star", new StringReader(written));
        assertThat(again).isEqualTo(document);
        assertThat(StarWriter.toString(again)).isEqualTo(written);
    }
}
