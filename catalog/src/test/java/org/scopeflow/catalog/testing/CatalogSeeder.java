package org.scopeflow.catalog.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.model.AuditEvent;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.Dataset;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Project;
import org.scopeflow.model.ProjectRole;
import org.scopeflow.model.Session;
import org.scopeflow.model.SessionState;
import org.scopeflow.model.User;

/**
 * Fills a catalog with seeded, varied content touching every table and column kind: Unicode
 * paths, null and non-null optional fields, several file states and versions, numeric and text
 * metadata with units, audit entries. Same seed, same content.
 */
public final class CatalogSeeder {
    private final Catalog catalog;
    private final Random random;

    public CatalogSeeder(Catalog catalog, long seed) {
        this.catalog = catalog;
        this.random = new Random(seed);
    }

    /** Adds two instruments, users, a project, two sessions and {@code filesPerSession} files in each. */
    public void seed(int filesPerSession) {
        catalog.instruments().create(new NewInstrument("krios-1", InstrumentKind.CRYO_EM, "Falcon 4i", 0.83, 300.0));
        catalog.instruments().create(new NewInstrument("spim-ü", InstrumentKind.LIGHT_SHEET, null, null, null));
        User ada = catalog.users().create("ada", "Ada Lovelace", "ada@example.org");
        User bob = catalog.users().create("bob", null, null);
        Project project = catalog.projects().create("ribosome-2026", "Ribosome — stalling «in situ»");
        catalog.projects().setRole(project.id(), ada.id(), ProjectRole.OWNER);
        catalog.projects().setRole(project.id(), bob.id(), ProjectRole.VIEWER);
        long krios = catalog.instruments().findByName("krios-1").orElseThrow().id();
        Instant start = Instant.parse("2026-03-01T08:00:00.000001Z");
        Session first = catalog.sessions().create(new NewSession("2026-03-01_grid1", project.id(), krios, "ada", start));
        Session second = catalog.sessions().create(new NewSession("unassigned-ß", null, null, null, start.plus(Duration.ofDays(1))));
        catalog.sessions().changeState(first.id(), SessionState.CLOSED);
        catalog.metadata().put(MetadataValue.numeric(MetadataOwner.SESSION, first.id(), "dose_per_frame", 1.1, "e/Å²"));
        for (Session session : List.of(first, second)) {
            Dataset movies = catalog.datasets().create(session.id(), "movies", "movies");
            seedFiles(session, movies, filesPerSession);
        }
        catalog.audit().append(AuditEvent.about("ada", "session.close", "session", first.id(), "grid looked good ✓"));
        catalog.audit().append(new AuditEvent("agent:krios-1", "agent.start", null, null, null));
    }

    private void seedFiles(Session session, Dataset dataset, int count) {
        List<NewFile> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Checksum checksum = random.nextInt(3) == 0 ? null : new Checksum("xxh3-128", hex(16));
            String path = "Images-Disc1/GridSquare_" + (i / 50) + "/Data/FoilHole_" + i + (i % 7 == 0 ? "_µ漢.tiff" : ".tiff");
            batch.add(new NewFile(session.id(), i % 5 == 0 ? null : dataset.id(), path, random.nextLong(1L << 40),
                    checksum, i % 4 == 0 ? null : Instant.parse("2026-03-01T07:00:00Z").plusMillis(random.nextInt(1 << 30))));
        }
        catalog.files().registerAll(batch);
        FileRecord landed = catalog.files().findByPath(session.id(), batch.get(1).relativePath()).orElseThrow();
        Checksum copy = landed.checksum() != null ? landed.checksum() : new Checksum("sha-256", hex(32));
        catalog.files().markLanded(landed.id(), "fast", copy);
        catalog.files().changeState(landed.id(), FileState.VERIFIED);
        catalog.files().registerNewVersion(new NewFile(session.id(), dataset.id(), batch.get(1).relativePath(), 7,
                new Checksum("md5", hex(16)), null));
        catalog.metadata().putAll(List.of(
                MetadataValue.numeric(MetadataOwner.FILE, landed.id(), "defocus_u", 15234.567890123, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, landed.id(), "ctf_fit_resolution", 3.2e-0, "Å"),
                MetadataValue.text(MetadataOwner.FILE, landed.id(), "grid_square", "GridSquare_0 «x»"),
                MetadataValue.numeric(MetadataOwner.DATASET, dataset.id(), "particles", 1.0E300, null)));
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
