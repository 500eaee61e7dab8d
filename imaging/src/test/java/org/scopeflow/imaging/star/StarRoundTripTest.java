package org.scopeflow.imaging.star;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarRoundTripTest {
    @TempDir
    Path dir;

    static final String RELION_STYLE = """

            # version 30001

            data_optics

            loop_\s
            _rlnOpticsGroupName #1\s
            _rlnOpticsGroup #2\s
            _rlnMicrographPixelSize #3\s
            opticsGroup1            1     0.885000\s
             \s

            # version 30001

            data_particles

            loop_\s
            _rlnCoordinateX #1\s
            _rlnCoordinateY #2\s
            _rlnMicrographName #3\s
            _rlnComment #4\s
              1219.000000   402.000000 MotionCorr/job002/mic001.mrc "a b"
              'x' 1.5e3 mic002.mrc ""
            """;

    @Test
    void parsesRelionLayout() throws IOException {
        StarDocument document = StarReader.parse("relion.star", new StringReader(RELION_STYLE));
        assertThat(document.blocks()).extracting(StarBlock::name).containsExactly("optics", "particles");
        StarBlock optics = document.requireBlock("optics");
        assertThat(optics.getDouble("rlnMicrographPixelSize", 0)).isEqualTo(0.885);
        assertThat(optics.getInt("_rlnOpticsGroup", 0)).isEqualTo(1);
        StarBlock particles = document.requireBlock("particles");
        assertThat(particles.rowCount()).isEqualTo(2);
        assertThat(particles.getString("rlnComment", 0)).isEqualTo("a b");
        assertThat(particles.getString("rlnCoordinateX", 1)).isEqualTo("x");
        assertThat(particles.getDouble("rlnCoordinateY", 1)).isEqualTo(1500.0);
        assertThat(particles.getString("rlnComment", 1)).isEmpty();
    }

    @Test
    void writtenDocumentReadsBackEqual() throws IOException {
        StarDocument document = new StarDocument()
                .addBlock(new StarBlock("general").put("rlnImageSizeX", 4096).put("rlnComment", "has space"))
                .addBlock(new StarBlock("").addLoop(new StarLoop("rlnA", "rlnB").addRow("1", "it's")
                        .addRow("data_x", "_under").addRow("#hash", "say \"hi\" now")));
        Path file = dir.resolve("doc.star");
        StarWriter.write(file, document);
        assertThat(StarReader.read(file)).isEqualTo(document);
    }
}
