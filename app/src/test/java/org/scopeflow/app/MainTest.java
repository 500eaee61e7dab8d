package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import picocli.CommandLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    @ParameterizedTest
    @ValueSource(strings = {"motion", "ctf", "pick", "thumbnail"})
    void theQcOnlyTreeHelpsAndNamesEachProcessorAsTheFullTreeDoes(String processor) {
        CommandLine full = Main.commandLine().getSubcommands().get("qc").getSubcommands().get(processor);
        CommandLine alone = Main.commandLineFor(new String[] {"qc", processor}).getSubcommands().get("qc")
                .getSubcommands().get(processor);
        assertThat(alone.getCommandSpec().qualifiedName()).isEqualTo("scopeflow qc " + processor);
        assertThat(alone.getUsageMessage()).isEqualTo(full.getUsageMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "--help", "--version"})
    void otherArgumentsGetTheFullTree(String first) {
        assertThat(Main.commandLineFor(new String[] {first}).getSubcommands()).containsKeys("ingest", "qc", "server");
    }
}
