package org.scopeflow.imaging.star;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Seeded random documents survive write → read → write unchanged. */
class StarPropertyTest {
    private static final String VALUE_CHARS = "abcXYZ019 ._-'\"#$;\t/@*+éµ\u000b\f";
    private static final String NAME_CHARS = "abcrlnXYZ0129_.-#'\"@";
    private static final List<String> TRICKY = List.of("", " ", "data_", "loop_", "LOOP_", "_rlnX", "#", "'", "\"",
            "' '", "\"x\"", "a' b", "a\" b", "'a'", "stop_", "global_", "save_x", "1.5e-3", "-0", "NaN");

    @Test
    void randomDocumentsRoundTripLosslessly() throws IOException {
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            StarDocument document = randomDocument(random);
            String text = StarWriter.toString(document);
            StarDocument read = StarReader.parse("seed-" + seed, new StringReader(text));
            assertThat(read).as("seed %d, text:%n%s", seed, text).isEqualTo(document);
            assertThat(StarWriter.toString(read)).as("seed %d", seed).isEqualTo(text);
        }
    }

    static StarDocument randomDocument(Random random) {
        StarDocument document = new StarDocument();
        int blocks = random.nextInt(4);
        for (int b = 0; b < blocks; b++) {
            StarBlock block = new StarBlock(random.nextInt(4) == 0 ? "" : name(random));
            int pairs = random.nextInt(4);
            for (int p = 0; p < pairs; p++) {
                String key = name(random);
                if (block.value(key).isEmpty()) {
                    block.put(key, value(random));
                }
            }
            int loops = random.nextInt(3);
            for (int l = 0; l < loops; l++) {
                block.addLoop(randomLoop(random));
            }
            document.addBlock(block);
        }
        return document;
    }

    private static StarLoop randomLoop(Random random) {
        List<String> columns = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        while (columns.size() < count) {
            String column = name(random);
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        StarLoop loop = new StarLoop(columns);
        int rows = random.nextInt(6);
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                row.add(value(random));
            }
            loop.addRow(row);
        }
        return loop;
    }

    private static String name(Random random) {
        StringBuilder name = new StringBuilder("rln");
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return name.toString();
    }

    /** A value that STAR can hold: not both quote characters followed by whitespace. */
    private static String value(Random random) {
        while (true) {
            String value;
            if (random.nextInt(4) == 0) {
                value = TRICKY.get(random.nextInt(TRICKY.size()));
            } else {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(12);
                for (int i = 0; i < length; i++) {
                    text.append(VALUE_CHARS.charAt(random.nextInt(VALUE_CHARS.length())));
                }
                value = text.toString();
            }
            try {
                StarWriter.quote(value);
                return value;
            } catch (IllegalArgumentException unrepresentable) {
                // both ' and " followed by whitespace: draw again
            }
        }
    }

    @Test
    void unrepresentableValueIsRejectedByTheWriterWithTheValue() {
        StarDocument document = new StarDocument().addBlock(new StarBlock("a").put("rlnX", "a' b\" c"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StarWriter.toString(document))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("STAR value 'a' b\" c' contains both ' and \" followed by whitespace");
    }
}
