package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
    @Test
    void portInUseIsOneClearLineAndCreatesTheAdminOnce(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("scopeflow.yaml");
        Files.writeString(config, "data_dir: " + dir.resolve("data") + "\n");
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            ConfigCommandTest.Run run = ConfigCommandTest.run("server", "--config", config.toString(), "--port", Integer.toString(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().trim()).isEqualTo("scopeflow server: Port " + port + " is already in use; stop the other process or pass --port");
            assertThat(run.out()).contains("Created the facility admin account: user 'admin', password '");
            ConfigCommandTest.Run second = ConfigCommandTest.run("server", "--config", config.toString(), "--port", Integer.toString(port));
            assertThat(second.out()).doesNotContain("Created the facility admin");
        }
    }
}
