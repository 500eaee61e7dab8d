package org.scopeflow.model.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facility configuration ({@code scopeflow.yaml}). Every setting has a default, so that the
 * embedded mode needs no file: data under {@code ./scopeflow-data}, an H2 catalog inside it, one
 * storage root {@code default} at {@code <data_dir>/storage}, HTTP on port 8080.
 *
 * @param httpPort      port of the server's HTTP listener
 * @param dataDir       where Scopeflow keeps its own state (catalog, logs, thumbnails)
 * @param dbUrl         JDBC URL of the catalog; null means the embedded H2 database in dataDir
 * @param dbUser        database user, may be empty
 * @param dbPassword    database password, may be empty (use {@code ${ENV}} in the file)
 * @param storageRoots  storage root name → directory, in document order
 * @param instruments   configured instruments
 * @param projects      configured projects and members
 */
public record FacilityConfig(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword,
        Map<String, Path> storageRoots, List<InstrumentConfig> instruments, List<ProjectConfig> projects) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("scopeflow-data");
    private static final List<String> TOP_LEVEL =
            List.of("http_port", "data_dir", "catalog", "storage_roots", "instruments", "projects");

    public FacilityConfig {
        storageRoots = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(storageRoots));
        instruments = List.copyOf(instruments);
        projects = List.copyOf(projects);
    }

    /** The configuration used when no file is given, relative to the working directory. */
    public static FacilityConfig defaults() {
        return parse(new YamlConfigLoader(Map.of()).parse("", new ConfigProblems("defaults")), Path.of(""));
    }

    /**
     * Reads and validates a configuration file. Relative paths in it are resolved against the
     * directory holding the file.
     *
     * @throws ConfigException listing every problem with its path and value
     */
    public static FacilityConfig load(Path file, Map<String, String> environment) {
        ConfigProblems problems = new ConfigProblems(file.toString());
        ConfigNode root = new YamlConfigLoader(environment).load(file, problems);
        Path base = file.toAbsolutePath().getParent();
        return parse(root, base);
    }

    /** Validates an already parsed document; see {@link #load}. */
    public static FacilityConfig parse(ConfigNode root, Path base) {
        root.allowOnly(TOP_LEVEL);
        int port = root.integer("http_port", DEFAULT_HTTP_PORT, 1, 65535, "a TCP port");
        Path dataDir = root.path("data_dir", base.resolve(DEFAULT_DATA_DIR).normalize(), base);
        ConfigNode catalog = root.child("catalog");
        catalog.allowOnly(List.of("db_url", "db_user", "db_password"));
        String dbUrl = catalog.string("db_url", null);
        if (dbUrl != null && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            root.problems().add(catalog.path() + ".db_url", "'" + dbUrl
                    + "' is not a supported database URL; expected jdbc:h2:… or jdbc:postgresql://host:port/db");
            dbUrl = null;
        }
        Map<String, Path> roots = storageRoots(root, base, dataDir);
        FacilityConfig config = new FacilityConfig(port, dataDir, dbUrl,
                catalog.string("db_user", ""), catalog.string("db_password", ""), roots,
                instruments(root, base), projects(root));
        root.problems().throwIfAny();
        return config;
    }

    private static Map<String, Path> storageRoots(ConfigNode root, Path base, Path dataDir) {
        Map<String, Path> roots = new LinkedHashMap<>();
        root.entries("storage_roots").forEach((name, node) -> {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                root.problems().add(node.path(), "'" + name
                        + "' is not a valid storage root name; use letters, digits, '.', '_' or '-'");
            }
            Path path = node.asPath(base);
            if (path != null) {
                roots.put(name, path);
            }
        });
        if (roots.isEmpty()) {
            roots.put("default", dataDir.resolve("storage"));
        }
        return roots;
    }

    /**
     * A template name (letters, digits, '-') as it is; anything with a '/' or ending in .yaml/.yml is
     * a file, resolved against the configuration's directory, that must exist.
     */
    private static String pipeline(ConfigNode n, Path base) {
        String value = n.string("pipeline", null);
        if (value == null || value.matches("[a-z0-9][a-z0-9-]*")) {
            return value;
        }
        Path file = base.resolve(value).toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(file)) {
            n.problems().add(n.path() + ".pipeline", "'" + value + "' is neither a shipped template name nor an existing "
                    + "pipeline file (" + file + "); see 'scopeflow pipeline template' for the templates");
            return null;
        }
        return file.toString();
    }

    private static List<InstrumentConfig> instruments(ConfigNode root, Path base) {
        List<InstrumentConfig> instruments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode n : root.list("instruments")) {
            n.allowOnly(List.of("name", "kind", "detector", "pixel_size_angstrom", "voltage_kv", "pipeline"));
            String name = n.requiredString("name");
            if (name != null && !names.add(name)) {
                n.problems().add(n.path() + ".name", "'" + name + "' is used by another instrument; names must be unique");
            }
            instruments.add(new InstrumentConfig(name,
                    n.choice("kind", "cryo-em", InstrumentConfig.KINDS),
                    n.string("detector", null),
                    n.decimal("pixel_size_angstrom", null, 0.01, 100_000, "a pixel size in Å"),
                    n.decimal("voltage_kv", null, 60, 400, "a voltage"),
                    pipeline(n, base)));
        }
        return instruments;
    }

    private static List<ProjectConfig> projects(ConfigNode root) {
        List<ProjectConfig> projects = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode n : root.list("projects")) {
            n.allowOnly(List.of("name", "title", "members"));
            String name = n.requiredString("name");
            if (name != null && !names.add(name)) {
                n.problems().add(n.path() + ".name", "'" + name + "' is used by another project; names must be unique");
            }
            List<ProjectConfig.Member> members = new ArrayList<>();
            for (ConfigNode m : n.list("members")) {
                m.allowOnly(List.of("user", "role"));
                members.add(new ProjectConfig.Member(m.requiredString("user"),
                        m.choice("role", "member", ProjectConfig.ROLES)));
            }
            projects.add(new ProjectConfig(name, n.string("title", null), members));
        }
        return projects;
    }
}
