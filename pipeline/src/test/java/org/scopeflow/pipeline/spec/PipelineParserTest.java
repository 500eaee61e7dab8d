package org.scopeflow.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.model.config.ConfigProblem;

class PipelineParserTest {
    private final PipelineParser parser = new PipelineParser();

    static Path fixtures(String kind) throws URISyntaxException {
        return Path.of(PipelineParserTest.class.getResource("/pipelines/" + kind).toURI());
    }

    static Stream<Path> invalidFixtures() throws IOException, URISyntaxException {
        return Files.list(fixtures("invalid")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("invalidFixtures")
    void invalidFixtureReportsExactlyTheExpectedProblems(Path yaml) throws IOException {
        Path expected = Path.of(yaml.toString().replace(".yaml", ".expected"));
        List<String> want = Files.readAllLines(expected).stream().filter(l -> !l.isBlank()).toList();
        List<String> got = parser.problems(Files.readString(yaml), yaml.toString()).stream()
                .map(ConfigProblem::toString).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void validPipelineReadsEveryField() throws Exception {
        PipelineSpec spec = parser.parse(fixtures("valid").resolve("streaming.yaml"));
        assertThat(spec.stepIds()).containsExactly("motion", "ctf", "pick", "class2d", "report");
        StepSpec motion = spec.requireStep("motion");
        assertThat(motion.tool().kind()).isEqualTo(StepTool.Kind.COMMAND);
        assertThat(motion.tool().versionCommand()).isEqualTo("align --version");
        assertThat(spec.requireStep("ctf").tool().versionCommand()).isEmpty();
        assertThat(motion.filePatterns()).containsExactly("Images-Disc1/**/*_fractions.tiff");
        assertThat(motion.resources()).isEqualTo(new Resources(2, 2048, 0, 10));
        assertThat(motion.retries()).isEqualTo(new Retries(2, 5));
        assertThat(motion.outputs()).containsExactly("aligned.mrc");
        StepSpec pick = spec.requireStep("pick");
        assertThat(pick.dependencies()).containsExactly("ctf", "motion");
        assertThat(pick.executor()).isEqualTo(new ExecutorChoice(ExecutorChoice.Type.SLURM, "gpu", "facility"));
        assertThat(pick.condition().clauses()).hasSize(2);
        assertThat(spec.requireStep("class2d").trigger()).isEqualTo(Trigger.batch(10000, 30));
        assertThat(spec.requireStep("class2d").resources()).isEqualTo(new Resources(8, 16000, 1, 240, 5));
        assertThat(spec.requireStep("report").trigger()).isEqualTo(Trigger.FINAL);
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> parser.parse("name: x\nsteps: [\n  - id: a\n", "broken.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("broken.yaml: 1 problem")
                .hasMessageContaining("line ").hasMessageContaining("not valid YAML");
    }

    @Test
    void missingFileIsAConfigurationError(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> parser.parse(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("file not found");
    }
}
