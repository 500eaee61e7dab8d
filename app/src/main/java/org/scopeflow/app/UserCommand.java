package org.scopeflow.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.server.auth.Account;
import org.scopeflow.server.auth.AccountStore;
import org.scopeflow.server.auth.PasswordHasher;
import org.scopeflow.server.auth.Role;
import org.scopeflow.server.auth.SecretTokens;
import org.scopeflow.server.http.JsonMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scopeflow user add|passwd|token}: manage server accounts in the catalog. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage server accounts: add a user, set a password, issue an API token.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Token.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every user subcommand shares. */
    static class Common {
        @Mixin
        FacilityOptions options;
        @Option(names = "--json", description = "Print one JSON document (snake_case fields) instead of text.")
        boolean json;
        @Spec
        CommandSpec spec;

        AccountStore accounts(Catalog catalog) {
            return new AccountStore(catalog.jdbi(), catalog.clock());
        }

        void print(String text, Map<String, Object> fields) {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                try {
                    out.println(JsonMapping.create().writeValueAsString(fields));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("JSON output failed", e);
                }
            } else {
                out.println(text);
            }
            out.flush();
        }
    }

    /** A password from stdin (--password-stdin), else a random one that is printed once. */
    static String password(boolean fromStdin) throws IOException {
        if (!fromStdin) {
            return SecretTokens.generate("").substring(0, 20);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: no password on standard input; pipe one line, e.g. from a password manager");
        }
        return line;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an account. Without --password-stdin a random password is printed once.")
    static final class Add extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Login name (letters, digits, '.', '_', '@', '-').")
        String username;
        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "admin (everything), staff (all projects), member (own projects: read and comment) or agent (ingest endpoints only; token only, no password).")
        String role;
        @Option(names = "--display-name", paramLabel = "TEXT", description = "Full name shown in the UI. Default: none.")
        String displayName;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input (at least 10 characters).")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            Role r = Role.fromLabel(role);
            PasswordHasher hasher = new PasswordHasher();
            String password = r == Role.AGENT ? null : password(passwordStdin);
            try (Catalog catalog = CatalogAccess.open(options.load())) {
                Account a = accounts(catalog).create(username, displayName, r, password == null ? null : hasher.hash(password));
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("id", a.userId());
                fields.put("username", a.username());
                fields.put("role", r.label());
                boolean show = password != null && !passwordStdin;
                if (show) {
                    fields.put("password", password);
                }
                print("Added " + r.label() + " '" + a.username() + "'" + (show ? " with password '" + password + "' (shown only this once)" : "")
                        + (r == Role.AGENT ? "; issue its token with 'scopeflow user token " + a.username() + "'" : ""), fields);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a new password; ends the user's browser logins.")
    static final class Passwd extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Login name.")
        String username;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input. Default: generate and print one.")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            String password = password(passwordStdin);
            String hash = new PasswordHasher().hash(password);
            try (Catalog catalog = CatalogAccess.open(options.load())) {
                accounts(catalog).setPassword(username, hash);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("username", username);
            if (!passwordStdin) {
                fields.put("password", password);
            }
            print("Password of '" + username + "' changed" + (passwordStdin ? "" : " to '" + password + "' (shown only this once)"), fields);
            return ExitCodes.OK;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Issue an API token (for agents and scripts: 'Authorization: Bearer TOKEN'). Shown once; only its hash is stored.")
    static final class Token extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Login name of the account the token acts for.")
        String username;
        @Option(names = "--label", paramLabel = "TEXT", defaultValue = "cli", description = "What the token is for. Default: ${DEFAULT-VALUE}.")
        String label;
        @Option(names = "--expires-days", paramLabel = "DAYS", description = "Days until it expires (1–3650). Default: never.")
        Integer expiresDays;

        @Override
        public Integer call() {
            if (expiresDays != null && (expiresDays < 1 || expiresDays > 3650)) {
                throw new IllegalArgumentException("--expires-days " + expiresDays + " must be 1–3650, or omitted for a token that does not expire");
            }
            try (Catalog catalog = CatalogAccess.open(options.load())) {
                AccountStore accounts = accounts(catalog);
                Account a = accounts.findByUsername(username).orElseThrow(() -> new IllegalArgumentException(
                        "no account named '" + username + "'; create it with 'scopeflow user add " + username + " --role ROLE'"));
                Instant expires = expiresDays == null ? null : catalog.clock().instant().plus(Duration.ofDays(expiresDays));
                String token = accounts.createToken(a.userId(), label, expires);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("username", username);
                fields.put("label", label);
                fields.put("token", token);
                fields.put("expires_at", expires);
                print(token, fields);
            }
            return ExitCodes.OK;
        }
    }
}
