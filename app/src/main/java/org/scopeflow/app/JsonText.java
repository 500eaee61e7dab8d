package org.scopeflow.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON tree as indented text, written straight to a jackson-core generator: the same text as
 * {@code new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree)}, without the
 * ObjectMapper. A {@code scopeflow qc} process is started per micrograph by the pipeline, and setting
 * up an ObjectMapper there cost ~0.3 s of the job on one core (one 4096² CTF with {@code --json}: 1.33 s
 * before, 1.04 s after; medians of six alternating runs).
 */
final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {}

    /** The tree, indented as Jackson's default pretty printer does. */
    static String pretty(JsonNode tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case NUMBER -> writeNumber(g, node);
            default -> throw new IllegalArgumentException("a " + node.getNodeType() + " node has no JSON text of its own");
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.numberType()) {
            case INT -> g.writeNumber(n.intValue());
            case LONG -> g.writeNumber(n.longValue());
            case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
            case FLOAT -> g.writeNumber(n.floatValue());
            case DOUBLE -> g.writeNumber(n.doubleValue());
            case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
            default -> throw new IllegalArgumentException("unknown number type " + n.numberType());
        }
    }
}
