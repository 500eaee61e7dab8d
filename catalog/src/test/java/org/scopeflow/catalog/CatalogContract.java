package org.scopeflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scopeflow.catalog.testing.TestClock;
import org.scopeflow.catalog.testing.TestDatabase;
import org.scopeflow.model.AuditEntry;
import org.scopeflow.model.AuditEvent;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.Instrument;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Page;
import org.scopeflow.model.Project;
import org.scopeflow.model.ProjectRole;
import org.scopeflow.model.Session;
import org.scopeflow.model.SessionState;
import org.scopeflow.model.User;

/**
 * The behaviour every catalog database must show; run against H2 ({@code H2CatalogTest}) and
 * PostgreSQL ({@code PostgresCatalogIT}). Each test starts from an empty, migrated database.
 * Concrete suites extend {@link CatalogFilesContract}, which adds files at scale and under contention.
 */
abstract class CatalogContract {
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String OTHER_SHA = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    protected TestDatabase database;
    protected TestClock clock;
    protected Catalog catalog;

    /** An empty database for one test. */
    protected abstract TestDatabase newDatabase();

    @BeforeEach
    void openCatalog() {
        database = newDatabase();
        clock = TestClock.standard();
        catalog = Catalog.open(database.settings(), clock);
    }

    @AfterEach
    void closeCatalog() {
        if (catalog != null) {
            catalog.close();
        }
        if (database != null) {
            database.close();
        }
    }

    protected Session newSession(String name) {
        Instrument krios = catalog.instruments().findByName("krios-1").orElseGet(() -> catalog.instruments()
                .create(new NewInstrument("krios-1", InstrumentKind.CRYO_EM, "Falcon 4i", 0.83, 300.0)));
        return catalog.sessions().create(new NewSession(name, null, krios.id(), "ada", clock.instant()));
    }

    protected static NewFile file(long sessionId, String path) {
        return new NewFile(sessionId, null, path, 1234, null, Instant.parse("2026-03-01T07:59:00Z"));
    }

    @Test
    void instrumentsAreCreatedAndFoundByIdAndName() {
        Instrument created = catalog.instruments()
                .create(new NewInstrument("krios-1", InstrumentKind.CRYO_EM, "Falcon 4i", 0.83, 300.0));
        catalog.instruments().create(new NewInstrument("spim-2", InstrumentKind.LIGHT_SHEET, null, null, null));

        assertThat(catalog.instruments().find(created.id())).contains(created);
        assertThat(catalog.instruments().findByName("krios-1")).contains(created);
        assertThat(created.pixelSizeAngstrom()).isEqualTo(0.83);
        assertThat(created.voltageKv()).isEqualTo(300.0);
        assertThat(created.createdAt()).isEqualTo(clock.instant());
        assertThat(catalog.instruments().findByName("nope")).isEmpty();
        assertThat(catalog.instruments().list(0, 10).items()).extracting(Instrument::name)
                .containsExactly("krios-1", "spim-2");
        assertThatThrownBy(() -> catalog.instruments()
                .create(new NewInstrument("krios-1", InstrumentKind.OTHER, null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'krios-1' already exists");
    }

    @Test
    void projectsKeepOneRolePerMember() {
        Project project = catalog.projects().create("ribosome-2026", "Ribosome stalling");
        User ada = catalog.users().create("ada", "Ada L.", "ada@example.org");
        User bob = catalog.users().create("bob", null, null);

        catalog.projects().setRole(project.id(), ada.id(), ProjectRole.MEMBER);
        catalog.projects().setRole(project.id(), ada.id(), ProjectRole.OWNER);
        catalog.projects().setRole(project.id(), bob.id(), ProjectRole.VIEWER);

        assertThat(catalog.projects().roleOf(project.id(), ada.id())).contains(ProjectRole.OWNER);
        assertThat(catalog.projects().members(project.id())).extracting(m -> m.role())
                .containsExactly(ProjectRole.OWNER, ProjectRole.VIEWER);
        assertThat(catalog.projects().membershipsOf(bob.id())).hasSize(1);
        assertThat(catalog.projects().removeMember(project.id(), bob.id())).isTrue();
        assertThat(catalog.projects().roleOf(project.id(), bob.id())).isEmpty();
        assertThat(catalog.users().findByUsername("ada")).contains(ada);
        assertThat(catalog.projects().findByName("ribosome-2026")).contains(project);
        assertThatThrownBy(() -> catalog.projects().setRole(project.id(), 999_999, ProjectRole.MEMBER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("user 999999 does not exist");
    }

    @Test
    void sessionsAreFoundByInstrumentAndNameAndListedByProject() {
        Project project = catalog.projects().create("p1", null);
        Session a = newSession("2026-03-01_grid1");
        Session b = newSession("2026-03-01_grid2");
        catalog.sessions().assignProject(b.id(), project.id());

        assertThat(catalog.sessions().findByName(a.instrumentId(), "2026-03-01_grid1")).contains(a);
        assertThat(catalog.sessions().find(b.id()).orElseThrow().projectId()).isEqualTo(project.id());
        assertThat(catalog.sessions().listByProject(project.id(), 0, 10).items()).extracting(Session::id)
                .containsExactly(b.id());
        assertThat(a.state()).isEqualTo(SessionState.OPEN);
        assertThatThrownBy(() -> newSession("2026-03-01_grid1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
    }

    @Test
    void sessionStateChangesAreValidated() {
        Session session = newSession("s1");
        Instant closeTime = clock.advance(Duration.ofHours(3));

        Session closed = catalog.sessions().changeState(session.id(), SessionState.CLOSED);
        assertThat(closed.state()).isEqualTo(SessionState.CLOSED);
        assertThat(closed.endedAt()).isEqualTo(closeTime);

        Session reopened = catalog.sessions().changeState(session.id(), SessionState.OPEN);
        assertThat(reopened.endedAt()).isNull();
        assertThatThrownBy(() -> catalog.sessions().changeState(session.id(), SessionState.ARCHIVED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("session " + session.id() + " (s1) cannot change from open to archived; "
                        + "allowed from open: closed");
        assertThat(catalog.sessions().find(session.id()).orElseThrow().state()).isEqualTo(SessionState.OPEN);
    }

    @Test
    void fileMovesFromRegisteredToLandedToVerifiedAndRefusesGoingBack() {
        Session session = newSession("s1");
        FileRecord registered = catalog.files().register(file(session.id(), "Images-Disc1/a.tiff"));
        assertThat(registered.state()).isEqualTo(FileState.REGISTERED);
        Instant landedAt = clock.advance(Duration.ofSeconds(5));

        FileRecord landed = catalog.files().markLanded(registered.id(), "fast", new Checksum("sha-256", SHA));
        assertThat(landed.state()).isEqualTo(FileState.LANDED);
        assertThat(landed.landedAt()).isEqualTo(landedAt);
        assertThat(landed.storageRoot()).isEqualTo("fast");
        assertThat(landed.checksum()).isEqualTo(new Checksum("SHA-256", SHA.toUpperCase()));

        FileRecord verified = catalog.files().changeState(registered.id(), FileState.VERIFIED);
        assertThat(verified.state()).isEqualTo(FileState.VERIFIED);
        assertThat(verified.landedAt()).isEqualTo(landedAt);
        assertThatThrownBy(() -> catalog.files().changeState(registered.id(), FileState.REGISTERED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot change from verified to registered")
                .hasMessageContaining("allowed from verified: archived, corrupt, missing, purged");
    }

    @Test
    void landingWithAnotherChecksumThanRegisteredIsRefused() {
        Session session = newSession("s1");
        NewFile withChecksum = new NewFile(session.id(), null, "a.tiff", 10, new Checksum("sha-256", SHA), null);
        FileRecord registered = catalog.files().register(withChecksum);

        assertThatThrownBy(() -> catalog.files().markLanded(registered.id(), "fast", new Checksum("sha-256", OTHER_SHA)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sha-256:" + SHA).hasMessageContaining("sha-256:" + OTHER_SHA);
        assertThat(catalog.files().find(registered.id()).orElseThrow().state()).isEqualTo(FileState.REGISTERED);
    }

    @Test
    void registeringTheSamePathAgainReturnsTheExistingRow() {
        Session session = newSession("s1");
        FileRecord first = catalog.files().register(file(session.id(), "a.tiff"));
        clock.advance(Duration.ofMinutes(1));
        FileRecord again = catalog.files().register(file(session.id(), "a.tiff"));

        assertThat(again).isEqualTo(first);
        assertThat(catalog.files().countBySession(session.id())).isEqualTo(1);
    }

    @Test
    void changedContentBecomesTheNextVersion() {
        Session session = newSession("s1");
        catalog.files().register(new NewFile(session.id(), null, "a.mrc", 10, new Checksum("sha-256", SHA), null));
        NewFile changed = new NewFile(session.id(), null, "a.mrc", 11, new Checksum("sha-256", OTHER_SHA), null);

        assertThat(catalog.files().nextVersion(session.id(), "a.mrc")).isEqualTo(2);
        FileRecord v2 = catalog.files().registerNewVersion(changed);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(catalog.files().registerNewVersion(changed)).isEqualTo(v2);
        assertThat(catalog.files().findByPath(session.id(), "a.mrc")).contains(v2);
        assertThat(catalog.files().findByPath(session.id(), "a.mrc", 1).orElseThrow().sizeBytes()).isEqualTo(10);
        assertThat(catalog.files().nextVersion(session.id(), "b.mrc")).isEqualTo(1);
    }

    @Test
    void batchRegistrationSkipsKnownPathsAndRefusesUnknownSessions() {
        Session session = newSession("s1");
        catalog.files().register(file(session.id(), "f-0001"));
        List<NewFile> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(file(session.id(), String.format("f-%04d", i)));
        }
        batch.add(file(session.id(), "f-0002")); // twice in one batch: registered once
        batch.add(new NewFile(session.id(), null, "no-mtime", 0, new Checksum("md5", SHA.substring(0, 32)), null));
        assertThat(catalog.files().registerAll(batch)).isEqualTo(500);
        assertThat(catalog.files().countBySession(session.id())).isEqualTo(501);
        FileRecord noMtime = catalog.files().findByPath(session.id(), "no-mtime").orElseThrow();
        assertThat(noMtime.sourceMtime()).isNull();
        assertThat(noMtime.createdAt()).isEqualTo(clock.instant());
        assertThat(catalog.files().findByPath(session.id(), "f-0499").orElseThrow().sourceMtime())
                .isEqualTo(Instant.parse("2026-03-01T07:59:00Z"));

        List<NewFile> broken = List.of(file(session.id(), "g-1"), file(999_999, "g-2"));
        assertThatThrownBy(() -> catalog.files().registerAll(broken))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
        assertThat(catalog.files().findByPath(session.id(), "g-1")).as("batch is one transaction").isEmpty();
    }

    @Test
    void auditLogAppendsAndListsBySubject() {
        AuditEntry first = catalog.audit().append(AuditEvent.about("ada", "session.close", "session", 7, "done"));
        clock.advance(Duration.ofSeconds(1));
        catalog.audit().append(new AuditEvent("agent:krios-1", "agent.start", null, null, null));
        AuditEntry third = catalog.audit().append(AuditEvent.about("bob", "session.reopen", "session", 7, null));

        assertThat(first.at()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123456Z"));
        assertThat(catalog.audit().listBySubject("session", 7, 0, 10).items()).containsExactly(first, third);
        Page<AuditEntry> page = catalog.audit().list(0, 2);
        assertThat(page.items()).hasSize(2);
        assertThat(catalog.audit().list(page.nextCursor(), 2).items()).containsExactly(third);
    }

    @Test
    void auditLogOffersNoWayToChangeOrRemoveEntries() {
        Set<String> methods = new HashSet<>();
        for (var method : AuditLog.class.getMethods()) {
            methods.add(method.getName());
        }
        assertThat(methods).containsExactlyInAnyOrder("append", "list", "listBySubject");
    }

    @Test
    void rowCountsCoverEveryTable() {
        Session session = newSession("s1");
        catalog.files().register(file(session.id(), "a"));
        catalog.files().register(file(session.id(), "b"));

        assertThat(catalog.rowCounts())
                .containsEntry("files", 2L).containsEntry("sessions", 1L).containsEntry("instruments", 1L)
                .containsEntry("audit_log", 0L).containsKeys("users", "projects", "memberships", "datasets",
                        "metadata_values")
                .doesNotContainKey("flyway_schema_history");
        assertThat(List.copyOf(catalog.rowCounts().keySet()).indexOf("sessions"))
                .isLessThan(List.copyOf(catalog.rowCounts().keySet()).indexOf("files"));
    }
}
