package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.server.auth.AccountStore;
import org.scopeflow.server.auth.PasswordHasher;

class UserCommandTest {
    @Test
    void addPasswdAndTokenWorkAgainstTheConfiguredCatalog(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("scopeflow.yaml");
        Files.writeString(config, "data_dir: " + dir.resolve("data") + "\n");
        ConfigCommandTest.Run add = ConfigCommandTest.run("user", "add", "alice", "--role", "staff", "--config", config.toString(), "--json");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("\"username\":\"alice\"").contains("\"role\":\"staff\"").contains("\"password\":\"");
        ConfigCommandTest.Run again = ConfigCommandTest.run("user", "add", "alice", "--role", "staff", "--config", config.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("user 'alice' already exists").doesNotContain("\tat ");
        ConfigCommandTest.Run passwd = ConfigCommandTest.run("user", "passwd", "alice", "--config", config.toString(), "--json");
        assertThat(passwd.exitCode()).isZero();
        String password = passwd.out().replaceAll("(?s).*\"password\":\"([^\"]+)\".*", "$1").trim();
        ConfigCommandTest.Run token = ConfigCommandTest.run("user", "token", "alice", "--config", config.toString());
        assertThat(token.exitCode()).isZero();
        String secret = token.out().trim();
        assertThat(secret).startsWith("sf_");
        ConfigCommandTest.Run bad = ConfigCommandTest.run("user", "add", "bob", "--role", "wizard", "--config", config.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("role 'wizard' is not one of admin, staff, member, agent");
        try (Catalog catalog = Catalog.open(CatalogSettings.embedded(dir.resolve("data")))) {
            AccountStore accounts = new AccountStore(catalog.jdbi(), catalog.clock());
            assertThat(new PasswordHasher().matches(password, accounts.passwordHash("alice").orElseThrow())).isTrue();
            assertThat(accounts.principalForToken(secret)).hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("alice"));
        }
    }
}
