package org.scopeflow.app;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.ConnectionException;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.CatalogUnavailableException;
import org.scopeflow.ingest.LandedFile;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.Instrument;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Session;

/**
 * The agent's catalog when it writes the catalog database directly (standalone and demo modes).
 * A watch is an instrument (created as kind {@code other} when the facility has not configured it);
 * a session is found or opened by name at that instrument. Each landed file becomes a verified file
 * row with its checksum, metadata values on the file and the acquisition values on its session.
 *
 * <p>Idempotent: the agent replays {@link #record} after a crash between the catalog commit and its
 * journal, and every step here leaves an already recorded file as it is.
 */
final class CatalogIngestSink implements CatalogSink {
    private final CatalogSettings settings;
    private final boolean ownsCatalog;
    private final Map<String, Long> sessionIds = new ConcurrentHashMap<>();
    private final Map<Path, String> rootNames;
    private Catalog catalog;

    /**
     * A sink over an open catalog that its caller closes (the demo shares one with the server).
     *
     * @param storageRoots the facility's storage roots (name → directory): a file landing in one of
     *                     them is recorded under the root's name, which the server serves files by;
     *                     elsewhere under the directory's path
     */
    CatalogIngestSink(Catalog catalog, Map<String, Path> storageRoots) {
        this.settings = catalog.settings();
        this.catalog = catalog;
        this.ownsCatalog = false;
        this.rootNames = byPath(storageRoots);
    }

    /**
     * A sink that opens (and migrates) the catalog on first use, so that an agent starts and
     * transfers while the database is down, and records files once it is back.
     */
    CatalogIngestSink(CatalogSettings settings) {
        this.settings = settings;
        this.ownsCatalog = true;
        this.rootNames = Map.of();
    }

    private static Map<Path, String> byPath(Map<String, Path> roots) {
        Map<Path, String> byPath = new java.util.HashMap<>();
        roots.forEach((name, dir) -> byPath.put(dir.toAbsolutePath().normalize(), name));
        return Map.copyOf(byPath);
    }

    /** The name of the configured storage root at {@code dir}, else the directory's path. */
    private String rootName(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        return rootNames.getOrDefault(key, key.toString());
    }

    private synchronized Catalog catalog() {
        if (catalog == null) {
            catalog = Catalog.open(settings);
        }
        return catalog;
    }

    @Override
    public void ensureSession(String watchName, String sessionName) throws CatalogUnavailableException {
        guarded("open session " + sessionName + " of " + watchName, () -> sessionId(watchName, sessionName));
    }

    @Override
    public void record(List<LandedFile> files) throws CatalogUnavailableException {
        guarded("record " + files.size() + " files", () -> {
            for (LandedFile file : files) {
                recordOne(file);
            }
            return null;
        });
    }

    private void recordOne(LandedFile landed) {
        long sessionId = sessionId(landed.watchName(), landed.sessionName());
        Checksum primary = LandedFileValues.primaryChecksum(landed);
        NewFile file = new NewFile(sessionId, null, landed.relativePath(), landed.sizeBytes(), primary,
                landed.sourceMtime());
        FileRecord row = landed.version() == 1
                ? catalog().files().register(file) : catalog().files().registerNewVersion(file);
        if (row.state() == FileState.REGISTERED) {
            row = catalog().files().markLanded(row.id(), rootName(landed.storageRoot()), primary);
        }
        if (row.state() == FileState.LANDED) {
            catalog().files().changeState(row.id(), FileState.VERIFIED);
        }
        catalog().metadata().putAll(metadata(landed, row.id(), sessionId));
    }

    private List<MetadataValue> metadata(LandedFile landed, long fileId, long sessionId) {
        List<MetadataValue> values = new ArrayList<>();
        landed.checksums().forEach((algorithm, hex) -> values.add(MetadataValue.text(MetadataOwner.FILE, fileId,
                "checksum_" + LandedFileValues.catalogName(algorithm), hex)));
        String storagePath = LandedFileValues.storagePath(landed.storageRoot(), landed.destination());
        if (storagePath != null) {
            values.add(MetadataValue.text(MetadataOwner.FILE, fileId, LandedFileValues.STORAGE_PATH, storagePath));
        }
        for (org.scopeflow.ingest.MetadataValue m : landed.metadata()) {
            values.add(value(MetadataOwner.FILE, fileId, m));
            if (LandedFileValues.describesSession(landed, m)) {
                values.add(value(MetadataOwner.SESSION, sessionId, m));
            }
        }
        return values;
    }

    private static MetadataValue value(MetadataOwner owner, long id, org.scopeflow.ingest.MetadataValue m) {
        Double number = LandedFileValues.number(m);
        return number != null ? MetadataValue.numeric(owner, id, m.key(), number, LandedFileValues.unit(m))
                : MetadataValue.text(owner, id, m.key(), m.value());
    }

    private long sessionId(String watchName, String sessionName) {
        return sessionIds.computeIfAbsent(watchName + "\u0000" + sessionName, key -> {
            long instrumentId = instrument(watchName).id();
            return catalog().sessions().findByName(instrumentId, sessionName)
                    .or(() -> createSession(instrumentId, sessionName))
                    .map(Session::id)
                    .orElseThrow();
        });
    }

    private java.util.Optional<Session> createSession(long instrumentId, String name) {
        try {
            return java.util.Optional.of(catalog().sessions().create(
                    new NewSession(name, null, instrumentId, null, catalog().clock().instant())));
        } catch (IllegalStateException raced) {
            // Another agent or thread opened it between our lookup and insert.
            return catalog().sessions().findByName(instrumentId, name);
        }
    }

    private Instrument instrument(String name) {
        return catalog().instruments().findByName(name).orElseGet(() -> {
            try {
                return catalog().instruments().create(new NewInstrument(name, InstrumentKind.OTHER, null, null, null));
            } catch (IllegalStateException raced) {
                return catalog().instruments().findByName(name).orElseThrow(() -> raced);
            }
        });
    }

    private interface CatalogCall<T> {
        T run();
    }

    /** Connection failures become {@link CatalogUnavailableException} so the agent retries later. */
    private <T> T guarded(String what, CatalogCall<T> call) throws CatalogUnavailableException {
        try {
            return call.run();
        } catch (RuntimeException e) {
            if (isUnavailable(e)) {
                throw new CatalogUnavailableException("catalog " + settings.maskedUrl() + ": cannot "
                        + what + ": " + rootMessage(e), e);
            }
            throw e;
        }
    }

    private static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientException
                    || t.getClass().getSimpleName().equals("PoolInitializationException")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public synchronized void close() {
        if (ownsCatalog && catalog != null) {
            catalog.close();
        }
    }
}
