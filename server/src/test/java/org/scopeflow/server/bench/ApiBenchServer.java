package org.scopeflow.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.NewSession;
import org.scopeflow.server.ScopeflowServer;
import org.scopeflow.server.ServerSettings;
import org.scopeflow.server.auth.Account;
import org.scopeflow.server.auth.PasswordHasher;
import org.scopeflow.server.auth.Role;

/**
 * Server for bench/api.sh: an in-memory H2 catalog seeded (seed 42) with a session of
 * {@code args[1]} movies and one of {@code args[2]} movies, each with the six dashboard metrics;
 * writes "port token big_session small_session" to {@code args[0]} when ready, then serves until killed.
 */
public final class ApiBenchServer {
    private ApiBenchServer() {}

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        int big = Integer.parseInt(args[1]);
        int small = Integer.parseInt(args[2]);
        Catalog catalog = Catalog.open(new CatalogSettings("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "", "", 16));
        ScopeflowServer server = ScopeflowServer.create(ServerSettings.of(0, Map.of("default", Files.createTempDirectory("bench-storage")))
                .withHost("127.0.0.1"), catalog);
        Account staff = server.services().accounts().create("bench", null, Role.STAFF, new PasswordHasher().hash("bench password"));
        String token = server.services().accounts().createToken(staff.userId(), "bench", null);
        long instrument = catalog.instruments().create(new NewInstrument("krios-bench", InstrumentKind.fromLabel("cryo-em"), null, 0.83, 300.0)).id();
        long bigSession = seed(catalog, instrument, "big", big);
        long smallSession = seed(catalog, instrument, "small", small);
        int port = server.start();
        Files.writeString(ready, port + " " + token + " " + bigSession + " " + smallSession + "\n");
        Thread.currentThread().join();
    }

    private static long seed(Catalog catalog, long instrument, String name, int movies) {
        long started = System.nanoTime();
        long session = catalog.sessions().create(new NewSession(name, null, instrument, null, Instant.parse("2026-11-20T08:00:00Z"))).id();
        SplittableRandom random = new SplittableRandom(42);
        for (int from = 0; from < movies; from += 10_000) {
            List<NewFile> files = new ArrayList<>();
            for (int i = from; i < Math.min(movies, from + 10_000); i++) {
                files.add(new NewFile(session, null, String.format("Images/FoilHole_%07d_fractions.tiff", i), 400_000_000L, null, null));
            }
            catalog.files().registerAll(files);
        }
        catalog.jdbi().useHandle(h -> h.createUpdate("UPDATE files SET state = 'landed', storage_root = 'default', landed_at = created_at WHERE session_id = :s")
                .bind("s", session).execute());
        List<Long> ids = catalog.jdbi().withHandle(h -> h.createQuery("SELECT id FROM files WHERE session_id = :s ORDER BY id")
                .bind("s", session).mapTo(Long.class).list());
        List<MetadataValue> values = new ArrayList<>();
        for (long id : ids) {
            double du = 8_000 + 20_000 * random.nextDouble();
            values.add(MetadataValue.numeric(MetadataOwner.FILE, id, "ctf.defocus_u_angstrom", du, "Å"));
            values.add(MetadataValue.numeric(MetadataOwner.FILE, id, "ctf.defocus_v_angstrom", du - 300 * random.nextDouble(), "Å"));
            values.add(MetadataValue.numeric(MetadataOwner.FILE, id, "ctf.astigmatism_angstrom", 300 * random.nextDouble(), "Å"));
            values.add(MetadataValue.numeric(MetadataOwner.FILE, id, "ctf.fit_resolution_angstrom", 2.8 + 4 * random.nextDouble(), "Å"));
            values.add(MetadataValue.numeric(MetadataOwner.FILE, id, "motion.total_drift_angstrom", 30 * random.nextDouble(), "Å"));
            values.add(MetadataValue.numeric(MetadataOwner.FILE, id, "pick.particle_count", random.nextInt(500), null));
            if (values.size() >= 60_000) {
                catalog.metadata().putAll(values);
                values.clear();
            }
        }
        catalog.metadata().putAll(values);
        System.err.printf("seeded session %s: %d movies with 6 metrics each in %.1f s%n", name, movies, (System.nanoTime() - started) / 1e9);
        return session;
    }
}
