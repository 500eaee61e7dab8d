package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void printsEveryKindOfNodeAsTheObjectMapperDoes() throws Exception {
        ObjectNode doc = F.objectNode();
        ObjectNode r = doc.putArray("results").addObject()
                .put("file", "/data/Å ünïcode \"quoted\" back\\slash\ttab\nline.mrc")
                .put("frames", 16)
                .put("bytes", 1L << 40)
                .put("pixel_size_angstrom", 1.06)
                .put("tiny", 1e-300)
                .put("nan", Double.NaN)
                .put("infinite", Double.NEGATIVE_INFINITY)
                .put("single", 0.1f)
                .put("whole_double", 3.0)
                .put("ok", true)
                .putNull("missing")
                .put("big", new BigInteger("123456789012345678901234567890"))
                .put("decimal", new BigDecimal("1.50"));
        r.putArray("shifts").addObject().put("frame", 0).put("x_angstrom", -0.25);
        r.putArray("none");
        r.putObject("empty");
        doc.putArray("failures").addObject().put("file", "b.mrc").put("reason", "section 3: truncated");

        String expected = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);

        assertThat(JsonText.pretty(doc)).isEqualTo(expected);
        assertThat(new ObjectMapper().readTree(JsonText.pretty(doc)).get("results").get(0).get("file").asText())
                .isEqualTo("/data/Å ünïcode \"quoted\" back\\slash\ttab\nline.mrc");
    }

    @Test
    void aNodeWithoutJsonTextIsRefusedByName() {
        assertThatThrownBy(() -> JsonText.pretty(F.objectNode().putPOJO("thing", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POJO");
    }
}
