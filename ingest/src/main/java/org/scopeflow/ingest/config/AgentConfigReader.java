package org.scopeflow.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.model.config.ConfigProblem;

/**
 * Reads and validates an agent YAML file ({@code state_dir}, {@code catalog} or {@code server},
 * {@code watches}). Every problem is collected with its path and value and thrown together as a
 * {@link ConfigException} (the command exits 2). {@code ${NAME}} in any value is replaced from the
 * environment.
 */
public final class AgentConfigReader {
    private static final Set<String> TOP = Set.of("state_dir", "catalog", "server", "watches");
    /** The server's rule for agent names. */
    private static final String AGENT_NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,199}";
    private final Function<String, String> environment;

    /** @param environment variable lookup, {@code System::getenv} in production */
    public AgentConfigReader(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @throws ConfigException listing every problem, when the file is missing, not YAML or invalid
     */
    public AgentSettings read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "file does not exist; pass --config with an agent YAML file")));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "cannot read: " + e.getMessage())));
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML text; {@code source} names it in errors. */
    public AgentSettings parse(String source, String yaml) {
        JsonNode root;
        try {
            // ${NAME} is not valid inside a YAML flow mapping ({token: ${X}}), yet that is how people write
            // it: protect it as a plain-scalar token, substituted per value after parsing (keeps paths).
            root = new ObjectMapper(new YAMLFactory()).readTree(SettingsTree.protectEnv(yaml));
        } catch (IOException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", "not valid YAML: " + e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source, List.of(new ConfigProblem("", "expected a YAML mapping with state_dir and watches")));
        }
        SettingsTree tree = new SettingsTree(environment);
        AgentSettings settings = build(tree, root);
        if (!tree.problems().isEmpty()) {
            throw new ConfigException(source, tree.problems());
        }
        return settings;
    }

    private AgentSettings build(SettingsTree tree, JsonNode root) {
        tree.rejectUnknownKeys(root, "", TOP);
        Path stateDir = PathSetting.absolute(tree, "state_dir", tree.requiredString(root, "", "state_dir", "/var/lib/scopeflow-agent"));
        AgentSettings.CatalogTarget catalog = tree.object(root, "", "catalog").map(n -> catalog(tree, n)).orElse(null);
        AgentSettings.ServerTarget server = tree.object(root, "", "server").map(n -> server(tree, n)).orElse(null);
        if (root.has("catalog") == root.has("server")) {
            tree.problem("", "set exactly one of catalog: {db_url: …} (standalone) and server: {url: …, token: …}");
        }
        List<WatchSettings> watches = watches(tree, root);
        new OverlapCheck(tree).check(stateDir, watches);
        checkStorageRoots(tree, server, watches);
        return new AgentSettings(stateDir, catalog, server, watches);
    }

    private static AgentSettings.CatalogTarget catalog(SettingsTree tree, JsonNode n) {
        tree.rejectUnknownKeys(n, "catalog", Set.of("db_url", "jsonl_file"));
        String dbUrl = tree.string(n, "catalog", "db_url").orElse(null);
        Path jsonl = PathSetting.absolute(tree, "catalog.jsonl_file", tree.string(n, "catalog", "jsonl_file").orElse(null));
        if (dbUrl != null && !dbUrl.startsWith("jdbc:")) {
            tree.problem("catalog.db_url", "value '" + dbUrl + "' is not a JDBC URL; e.g. jdbc:h2:file:/var/lib/scopeflow/catalog");
        }
        if (!n.has("db_url") && !n.has("jsonl_file")) {
            tree.problem("catalog", "set db_url (the catalog database) or jsonl_file (standalone file, for tests)");
        } else if (n.has("db_url") && n.has("jsonl_file")) {
            tree.problem("catalog", "set only one of db_url and jsonl_file");
        }
        return new AgentSettings.CatalogTarget(dbUrl, jsonl);
    }

    private static AgentSettings.ServerTarget server(SettingsTree tree, JsonNode n) {
        tree.rejectUnknownKeys(n, "server", Set.of("url", "token", "agent_name", "storage_roots"));
        String url = tree.requiredString(n, "server", "url", "https://scopeflow.example.org");
        String token = tree.requiredString(n, "server", "token", "${SCOPEFLOW_TOKEN}");
        if (url != null && !url.matches("https?://[^\\s/]+.*")) {
            tree.problem("server.url", "value '" + url + "' is not an http(s) URL; e.g. https://scopeflow.example.org");
        }
        if (token != null && token.isBlank()) {
            tree.problem("server.token", "is empty; set the agent token, e.g. token: ${SCOPEFLOW_TOKEN}");
        }
        String agentName = tree.string(n, "server", "agent_name").orElse(null);
        if (agentName != null && !agentName.matches(AGENT_NAME)) {
            tree.problem("server.agent_name", "value '" + agentName + "' must be 1–200 letters, digits, '.', '_' or '-' "
                    + "starting with a letter or digit");
        }
        return new AgentSettings.ServerTarget(url == null ? null : url.replaceAll("/+$", ""), token, agentName, storageRoots(tree, n));
    }

    /** server.storage_roots: the server's storage-root names → where this machine sees them. */
    private static Map<String, Path> storageRoots(SettingsTree tree, JsonNode server) {
        Map<String, Path> roots = new LinkedHashMap<>();
        JsonNode n = tree.object(server, "server", "storage_roots").orElse(null);
        if (n == null) {
            if (!server.has("storage_roots")) {
                tree.problem("server.storage_roots", "missing; name the server's storage root for each directory the watches "
                        + "write to, e.g. storage_roots: {default: /storage} (names: server configuration, storage_roots)");
            }
            return roots;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String at = "server.storage_roots." + name;
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                tree.problem(at, "'" + name + "' is not a storage root name; use letters, digits, '.', '_' or '-' as on the server");
            }
            Path dir = PathSetting.absolute(tree, at, tree.string(n, "server.storage_roots", name).orElse(null));
            if (dir != null) {
                roots.put(name, dir);
            }
        }
        if (n.isEmpty()) {
            tree.problem("server.storage_roots", "is empty; e.g. storage_roots: {default: /storage}");
        }
        return roots;
    }

    /** In server mode every watch must write inside a storage root the server knows by name. */
    private static void checkStorageRoots(SettingsTree tree, AgentSettings.ServerTarget server, List<WatchSettings> watches) {
        if (server == null || server.storageRoots().isEmpty()) {
            return;
        }
        for (int i = 0; i < watches.size(); i++) {
            WatchSettings w = watches.get(i);
            if (w.destination() != null && server.storageRootOf(w.destination().storageRoot()).isEmpty()) {
                tree.problem("watches[" + i + "].destination", "storage root " + w.destination().storageRoot()
                        + " is inside none of server.storage_roots (" + server.storageRoots().values().stream().map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + "); add the server's name for it, e.g. "
                        + "storage_roots: {NAME: " + w.destination().storageRoot() + "}");
            }
        }
    }

    private static List<WatchSettings> watches(SettingsTree tree, JsonNode root) {
        JsonNode list = root.get("watches");
        List<WatchSettings> out = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            tree.problem("watches", "expected a list with at least one watch (name, source, destination)");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "watches[" + i + "]";
            WatchSettings w = new WatchReader(tree, list.get(i), path).read();
            if (w != null && !names.add(w.name())) {
                tree.problem(path + ".name", "watch name '" + w.name() + "' is used twice; names must be unique");
            }
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }
}
