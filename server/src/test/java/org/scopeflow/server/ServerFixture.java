package org.scopeflow.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.ProjectRole;
import org.scopeflow.server.auth.Account;
import org.scopeflow.server.auth.PasswordHasher;
import org.scopeflow.server.auth.Role;

/**
 * A real server on a random port over a fresh in-memory H2 catalog, seeded through the catalog
 * repositories: one account per role (plus a member of another project), two projects, a session
 * in each with movies and metrics, and a storage root with a thumbnail.
 */
final class ServerFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    final Catalog catalog;
    final ScopeflowServer server;
    final String base;
    final Path storage;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final Map<Role, Account> accounts = new EnumMap<>(Role.class);
    String outsiderToken;
    long ownProject;
    long otherProject;
    long ownSession;
    long otherSession;
    final List<Long> ownFiles = new ArrayList<>();
    long otherFile;
    long instrument;
    final HttpClient http = HttpClient.newHttpClient();

    ServerFixture(Path tmp) throws IOException {
        this(tmp, 1000);
    }

    ServerFixture(Path tmp, long ssePollMillis) throws IOException {
        this(tmp, ssePollMillis, new CatalogSettings("jdbc:h2:mem:sf" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1", "", "", 8));
    }

    ServerFixture(Path tmp, long ssePollMillis, CatalogSettings catalogSettings) throws IOException {
        catalog = Catalog.open(catalogSettings);
        storage = Files.createDirectories(tmp.resolve("storage"));
        server = ScopeflowServer.create(ServerSettings.of(0, Map.of("default", storage)).withHost("127.0.0.1")
                .withSsePollMillis(ssePollMillis), catalog);
        seed();
        base = "http://127.0.0.1:" + server.start();
    }

    private void seed() throws IOException {
        var accountStore = server.services().accounts();
        String hash = new PasswordHasher().hash(PASSWORD);
        for (Role r : Role.values()) {
            Account a = accountStore.create(r.label() + "1", null, r, r == Role.AGENT ? null : hash);
            accounts.put(r, a);
            tokens.put(r, accountStore.createToken(a.userId(), "test", null));
        }
        Account outsider = accountStore.create("outsider", null, Role.MEMBER, hash);
        outsiderToken = accountStore.createToken(outsider.userId(), "test", null);
        instrument = catalog.instruments().create(new NewInstrument("krios-1", InstrumentKind.fromLabel("cryo-em"), "Falcon 4i", 0.83, 300.0)).id();
        ownProject = catalog.projects().create("ribosome", "Ribosome stalling").id();
        otherProject = catalog.projects().create("spliceosome", null).id();
        catalog.projects().setRole(ownProject, accounts.get(Role.MEMBER).userId(), ProjectRole.MEMBER);
        catalog.projects().setRole(otherProject, outsider.userId(), ProjectRole.MEMBER);
        ownSession = catalog.sessions().create(new NewSession("grid-01", ownProject, instrument, "alice", Instant.parse("2026-11-20T08:00:00Z"))).id();
        otherSession = catalog.sessions().create(new NewSession("grid-02", otherProject, instrument, "bob", Instant.parse("2026-11-21T08:00:00Z"))).id();
        Files.createDirectories(storage.resolve("thumbs"));
        Files.write(storage.resolve("thumbs/movie_0.png"), tinyPng());
        for (int i = 0; i < 5; i++) {
            ownFiles.add(addMovie(ownSession, i));
        }
        catalog.metadata().put(MetadataValue.text(MetadataOwner.FILE, ownFiles.get(0), "thumbnail.thumbnail_png", "thumbs/movie_0.png"));
        // the 2D classes of a batch step (relion:class2d draws them), a picture of the whole session
        Files.write(storage.resolve("thumbs/classes.png"), tinyPng());
        catalog.metadata().put(MetadataValue.text(MetadataOwner.SESSION, ownSession, "class2d.classes_png", "thumbs/classes.png"));
        otherFile = addMovie(otherSession, 0);
        seedJobs();
    }

    /** A pipeline run on the own session with one succeeded and one failed CTF job (the pipeline's V10 tables). */
    private void seedJobs() {
        catalog.jdbi().useHandle(h -> {
            long run = h.createUpdate("INSERT INTO pipeline_runs (session_id, pipeline_name, spec_yaml, input_root, work_root, state, created_at) "
                            + "VALUES (:s, 'spa-live', 'steps: []', '/in', '/work', 'open', CURRENT_TIMESTAMP)")
                    .bind("s", ownSession).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            String insert = "INSERT INTO pipeline_jobs (run_id, step_id, item_key, item_file_id, state, attempt, max_attempts, executor, "
                    + "exit_code, failure_reason, stderr_tail, created_at, updated_at, ended_at) VALUES (:r, 'ctf', :k, :f, :st, 1, 1, 'local', "
                    + ":x, :why, :err, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
            h.createUpdate(insert).bind("r", run).bind("k", "file:" + ownFiles.get(0)).bind("f", ownFiles.get(0)).bind("st", "succeeded")
                    .bind("x", 0).bind("why", (String) null).bind("err", (String) null).execute();
            h.createUpdate(insert).bind("r", run).bind("k", "file:" + ownFiles.get(1)).bind("f", ownFiles.get(1)).bind("st", "failed")
                    .bind("x", 3).bind("why", "exit code 3").bind("err", "ctffind: cannot fit CTF: power spectrum is flat").execute();
        });
    }

    /** A landed movie with the six plotted metrics, seeded from its index. */
    long addMovie(long session, int i) {
        FileRecord f = catalog.files().register(new NewFile(session, null, String.format("Images/movie_%05d.tiff", i), 1_000_000L + i,
                null, Instant.parse("2026-11-20T08:00:00Z").plusSeconds(60L * i)));
        String hex = String.format("%064x", (long) i + 1);
        catalog.files().markLanded(f.id(), "default", new Checksum("sha-256", hex));
        try {
            Path movie = storage.resolve(f.relativePath());
            Files.createDirectories(movie.getParent());
            Files.writeString(movie, "movie " + i);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catalog.metadata().putAll(List.of(
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "ctf.defocus_u_angstrom", 15_000 + 100 * i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "ctf.defocus_v_angstrom", 14_800 + 100 * i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "ctf.astigmatism_angstrom", 200 + i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "ctf.fit_resolution_angstrom", 3.5 + 0.1 * i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "motion.total_drift_angstrom", 8 + i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "pick.particle_count", 250 + i, null)));
        return f.id();
    }

    static byte[] tinyPng() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    }

    HttpResponse<String> send(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    @Override
    public void close() {
        server.stop();
        catalog.close();
    }
}
