package org.scopeflow.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The published JSON Schema describes what the parser accepts: same keys, same tools, same ranges. */
class PipelineSchemaTest {
    final JsonNode schema = read();

    static JsonNode read() {
        try (var in = PipelineSchemaTest.class.getResourceAsStream("/pipeline.schema.json")) {
            return new ObjectMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Set<String> names(JsonNode properties) {
        Set<String> out = new TreeSet<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void stepKeysMatchTheParser() {
        assertThat(names(schema.at("/$defs/step/properties"))).isEqualTo(new TreeSet<>(StepParser.KEYS));
        assertThat(names(schema.at("/properties"))).containsExactly("description", "name", "steps");
    }

    @Test
    void toolsAndRangesMatchTheModel() {
        List<String> tools = new java.util.ArrayList<>();
        schema.at("/$defs/step/properties/uses/enum").forEach(n -> tools.add(n.asText()));
        List<String> expected = new java.util.ArrayList<>();
        StepTool.BUILTINS.forEach(b -> expected.add("builtin:" + b));
        StepTool.RELION.forEach(r -> expected.add("relion:" + r));
        assertThat(tools).isEqualTo(expected);
        JsonNode r = schema.at("/$defs/step/properties/resources/properties");
        assertThat(r.at("/cpus/maximum").asInt()).isEqualTo(Resources.MAX_CPUS);
        assertThat(r.at("/memory_mb/maximum").asLong()).isEqualTo(Resources.MAX_MEMORY_MB);
        assertThat(r.at("/gpus/maximum").asInt()).isEqualTo(Resources.MAX_GPUS);
        assertThat(r.at("/time_limit_minutes/maximum").asInt()).isEqualTo(Resources.MAX_TIME_LIMIT_MINUTES);
        assertThat(r.at("/mpi_ranks/maximum").asInt()).isEqualTo(Resources.MAX_MPI_RANKS);
        assertThat(r.at("/mpi_ranks/default").asInt()).isEqualTo(Resources.DEFAULT.mpiRanks());
        assertThat(r.at("/cpus/default").asInt()).isEqualTo(Resources.DEFAULT.cpus());
        assertThat(r.at("/memory_mb/default").asLong()).isEqualTo(Resources.DEFAULT.memoryMb());
        assertThat(schema.at("/$defs/step/properties/retries/properties/max/maximum").asInt()).isEqualTo(Retries.MAX_RETRIES);
        assertThat(schema.at("/$defs/step/properties/command/description").asText())
                .contains(CommandTemplate.PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList());
    }
}
