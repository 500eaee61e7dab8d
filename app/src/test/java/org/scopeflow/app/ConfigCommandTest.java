package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void malformedConfigurationListsEveryProblemAndExitsTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                http_port: http
                storage_roots: {"bad name": /x}
                instruments:
                  - {name: krios1, voltage_kv: 300}
                  - {name: krios2, voltage_kv: -300}
                """);
        Run run = run("config", "check", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("scopeflow config check: " + file + ": 3 problems")
                .contains("http_port: 'http' is not a TCP port; expected a number")
                .contains("storage_roots.bad name: 'bad name' is not a valid storage root name")
                .contains("instruments[1].voltage_kv: -300 is not a voltage; expected 60–400")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void shippedExampleIsValid(@TempDir Path dir) throws Exception {
        Run example = run("config", "example");
        assertThat(example.exitCode()).isZero();
        Path file = dir.resolve("scopeflow.yaml");
        Files.writeString(file, example.out());
        Run check = run("config", "check", "--config", file.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("instrument    krios1 (cryo-em)").contains("project       demo (1 members)");
    }
}
