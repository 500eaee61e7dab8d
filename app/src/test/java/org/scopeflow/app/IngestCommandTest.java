package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
    @TempDir
    Path tmp;

    @Test
    void copiesVerifiedThenSkipsIdenticalAndExitsZero() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/a b"));
        Files.writeString(src.resolve("x.tiff"), "hello");
        Files.createFile(src.resolve("empty.mrc"));
        assertThat(Main.commandLine().execute("ingest", tmp.resolve("src").toString(), tmp.resolve("dst").toString(),
                "--checksum", "xxh3-128,sha256")).isZero();
        assertThat(Files.readString(tmp.resolve("dst/a b/x.tiff"))).isEqualTo("hello");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertThat(Main.commandLine().execute("ingest", tmp.resolve("src").toString(), tmp.resolve("dst").toString())).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString()).contains("0 copied, 2 identical (skipped)");
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        Files.createDirectories(tmp.resolve("src"));
        assertThat(Main.commandLine().execute("ingest", tmp.resolve("src").toString(), tmp.resolve("dst").toString(),
                "--verify", "maybe")).isEqualTo(2);
        assertThat(Main.commandLine().execute("ingest", tmp.resolve("src").toString(), tmp.resolve("src/inside").toString()))
                .isEqualTo(2);
    }

    @Test
    void agentConfigurationErrorsExitTwo() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "state_dir: relative\nwatches: []\n");
        assertThat(Main.commandLine().execute("agent", "--config", bad.toString(), "--once")).isEqualTo(2);
        Files.createDirectories(tmp.resolve("in"));
        Path server = Files.writeString(tmp.resolve("server.yaml"), """
                state_dir: %s
                server: {url: "https://sf.example.org", token: abc, storage_roots: {bulk: /storage}}
                watches: [{name: k, source: %s, destination: "%s/out/{path}"}]
                """.formatted(tmp.resolve("state"), tmp.resolve("in"), tmp));
        ConfigCommandTest.Run run = ConfigCommandTest.run("agent", "--config", server.toString(), "--once");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("watches[0].destination: storage root " + tmp + "/out is inside none of server.storage_roots");
    }
}
