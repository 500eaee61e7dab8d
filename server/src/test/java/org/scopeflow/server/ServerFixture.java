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
        catalog.metadata().put(MetadataValue.text(MetadataOwner.FILE, ownFiles.get(0), "thumbnail_path", "thumbs/movie_0.png"));
        otherFile = addMovie(otherSession, 0);
    }

    /** A landed movie with the six plotted metrics, seeded from its index. */
    long addMovie(long session, int i) {
        FileRecord f = catalog.files().register(new NewFile(session, null, String.format("Images/movie_%05d.tiff", i), 1_000_000L + i,
                null, Instant.parse("2026-11-20T08:00:00Z").plusSeconds(60L * i)));
        String hex = String.format("%064x", (long) i + 1);
        catalog.files().markLanded(f.id(), "default", new Checksum("sha-256", hex));
        catalog.metadata().putAll(List.of(
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "defocus_u_angstrom", 15_000 + 100 * i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "defocus_v_angstrom", 14_800 + 100 * i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "astigmatism_angstrom", 200 + i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "ctf_resolution_angstrom", 3.5 + 0.1 * i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "total_drift_angstrom", 8 + i, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, f.id(), "particle_count", 250 + i, null)));
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
