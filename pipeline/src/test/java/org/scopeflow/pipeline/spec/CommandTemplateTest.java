package org.scopeflow.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
    @Test
    void rendersAndQuotesEveryValueForTheShell() {
        CommandTemplate t = new CommandTemplate("tool {input} -o {output_dir} --sigma {param.sigma} {inputs}");
        String line = t.render(Map.of("input", "/data/a b.tiff", "output_dir", "/out/x", "param.sigma", "2.5"),
                List.of("/d/one.mrc", "/d/it's.mrc"));
        assertThat(line).isEqualTo("tool '/data/a b.tiff' -o /out/x --sigma 2.5 /d/one.mrc '/d/it'\\''s.mrc'");
    }

    @Test
    void missingValueNamesThePlaceholder() {
        assertThatThrownBy(() -> new CommandTemplate("x {cpus}").render(Map.of("input", "a"), List.of()))
                .hasMessageContaining("{cpus} has no value");
    }

    @Test
    void unbalancedBracesAreReported() {
        assertThat(new CommandTemplate("awk '{print $1' {input}").problems(Set.of()))
                .contains("unbalanced braces in command template");
    }

    @Test
    void conditionEvaluatesEveryClauseAndExplainsFailure() {
        Condition c = Condition.parse("ctf.resolution_angstrom <= 6 and motion.total_drift_angstrom < 20").orElseThrow();
        assertThat(c.whyNot(Map.of("ctf.resolution_angstrom", OptionalDouble.of(4.0),
                "motion.total_drift_angstrom", OptionalDouble.of(3.0)))).isEmpty();
        assertThat(c.whyNot(Map.of("ctf.resolution_angstrom", OptionalDouble.of(7.5),
                "motion.total_drift_angstrom", OptionalDouble.of(3.0))))
                .contains("condition 'ctf.resolution_angstrom <= 6 and motion.total_drift_angstrom < 20' is false: ctf.resolution_angstrom = 7.5");
        assertThat(c.whyNot(Map.of())).get().asString().contains("was not recorded");
    }
}
