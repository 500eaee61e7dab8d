package org.scopeflow.imaging.star;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.scopeflow.imaging.ImageFormatException;

class StarCorruptFileTest {
    private static StarDocument parse(String text) throws IOException {
        return StarReader.parse("x.star", new StringReader(text));
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ImageFormatException.class).hasMessage(message);
    }

    @Test
    void rowWithTheWrongNumberOfValues() {
        assertError("data_particles\nloop_\n_rlnA #1\n_rlnB #2\n1 2\n3\n",
                "x.star: line 6 row 1 of block particles = '1 values' does not match the 2 columns of the loop");
    }

    @Test
    void unterminatedQuote() {
        assertError("data_\n_rlnName \"abc def\n",
                "x.star: line 2 column 10 = '\"abc def' starts a quoted value with \" that is never closed"
                        + " (a closing quote must be followed by a space or the line end)");
    }

    @Test
    void valueOutsideALoop() {
        assertError("data_a\n12.5\n", "x.star: line 2 value = '12.5' is outside a loop_ table and not after a _key");
    }

    @Test
    void keyBeforeAnyBlock() {
        assertError("_rlnA 1\n", "x.star: line 1 token = '_rlnA' comes before the first data_ block header");
    }

    @Test
    void keyWithoutValueAndExtraTokens() {
        assertError("data_a\n_rlnA\n", "x.star: line 2 key _rlnA = '(none)' has no value; write _key value on one line");
        assertError("data_a\n_rlnA b c\n",
                "x.star: line 2 key _rlnA = 'c' is an extra token; quote values that contain spaces");
    }

    @Test
    void duplicates() {
        assertError("data_a\n_rlnA 1\n_rlnA 2\n", "x.star: line 3 key = '_rlnA' appears twice in block a");
        assertError("data_a\nloop_\n_rlnA\n_rlnA\n", "x.star: line 4 loop column = '_rlnA' appears twice");
    }

    @Test
    void unsupportedKeywords() {
        assertError("data_a\nsave_frame\n",
                "x.star: line 2 token = 'save_frame' is a STAR keyword RELION does not use and we do not support");
    }

    @Test
    void typedGettersNameBlockColumnRowAndValue() throws IOException {
        StarBlock block = parse("data_particles\nloop_\n_rlnDefocusU\n12000\nabc\n").requireBlock("particles");
        assertThat(block.getDouble("rlnDefocusU", 0)).isEqualTo(12000.0);
        assertThatThrownBy(() -> block.getDouble("rlnDefocusU", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block particles, column rlnDefocusU, row 1: value 'abc' is not a number");
        assertThatThrownBy(() -> block.getDouble("rlnDefocusV", 0))
                .hasMessage("block particles has no column rlnDefocusV; its columns are [rlnDefocusU]");
        assertThatThrownBy(() -> block.getInt("rlnDefocusU", 2))
                .hasMessage("block particles: row 2 does not exist; the loop has 2 rows");
        assertThatThrownBy(() -> block.getDouble("rlnPixelSize"))
                .hasMessage("block particles has no key rlnPixelSize; its keys are []");
    }

    @Test
    void emptyLoopsAndCommentsAndCase() throws IOException {
        StarDocument document = parse("# comment\nDATA_a   # trailing comment\nLOOP_\n_rlnA #1\n\ndata_b\n_rlnX 'it''s'\n");
        assertThat(document.requireBlock("a").loop().rowCount()).isZero();
        assertThat(document.requireBlock("b").getString("rlnX")).isEqualTo("it''s");
    }
}
