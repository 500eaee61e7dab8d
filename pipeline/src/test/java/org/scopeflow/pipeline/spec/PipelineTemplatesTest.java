package org.scopeflow.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class PipelineTemplatesTest {
    static final java.util.List<String> NAMES = PipelineTemplates.NAMES;

    @ParameterizedTest
    @FieldSource("NAMES")
    void everyShippedTemplateIsValid(String name) {
        PipelineSpec spec = new PipelineParser().parse(PipelineTemplates.yaml(name), name);
        assertThat(spec.name()).isEqualTo(name);
    }

    @Test
    void everyTemplateFileIsListed() throws Exception {
        Path dir = Path.of(PipelineTemplatesTest.class.getResource("/templates").toURI());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".yaml", ""))).containsExactlyInAnyOrderElementsOf(NAMES);
        }
    }

    @Test
    void unknownTemplateNamesTheKnownOnes() {
        assertThatThrownBy(() -> PipelineTemplates.yaml("cryo-et")).hasMessageContaining("known: single-particle-live-builtin");
    }
}
