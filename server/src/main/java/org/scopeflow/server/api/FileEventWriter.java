package org.scopeflow.server.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Session;
import org.scopeflow.server.Services;
import org.scopeflow.server.api.AgentApi.EventResult;
import org.scopeflow.server.api.AgentApi.EventValue;
import org.scopeflow.server.api.AgentApi.FileEvent;
import org.scopeflow.server.api.AgentStore.Agent;

/**
 * Writes the file events of one agent batch to the catalog, each on its own: a bad event gets an
 * error in its result and the others still apply. Every step is idempotent, so a batch resent after
 * a lost answer changes nothing. Instruments and sessions are looked up once per batch.
 *
 * <p>Not thread-safe: one instance per request.
 */
final class FileEventWriter {
    private static final Set<String> EVENTS = Set.of("registered", "landed", "verified");
    private static final Set<FileState> LANDED_STATES = Set.of(FileState.LANDED, FileState.VERIFIED, FileState.ARCHIVED);
    private final Services services;
    private final Agent agent;
    private final Map<String, Long> instrumentIds = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();

    FileEventWriter(Services services, Agent agent) {
        this.services = services;
        this.agent = agent;
    }

    EventResult apply(int index, FileEvent e) {
        if (e == null) {
            return new EventResult(index, null, null, null, "the event is null; send an object with session, relative_path, size_bytes, event");
        }
        try {
            String event = e.event() == null ? "registered" : e.event();
            if (!EVENTS.contains(event)) {
                throw new IllegalArgumentException("event '" + event + "' is not 'registered', 'landed' or 'verified'");
            }
            // Everything is checked before anything is written, so that a refused event leaves no row behind.
            List<MetadataValue> values = metadata(e);
            int version = version(e);
            Checksum sum = e.checksumAlgorithm() == null ? null : new Checksum(e.checksumAlgorithm(), required("checksum_hex", e.checksumHex()));
            String root = event.equals("registered") ? null : storageRoot(e.storageRoot());
            if (root != null) {
                required("checksum_algorithm", sum);
            }
            Session s = session(instrumentId(e.instrument()), required("session", e.session()));
            FileRecord f = register(s, e, version, sum);
            if (root != null) {
                f = land(f, root, sum);
            }
            if (event.equals("verified") && f.state() == FileState.LANDED) {
                f = services.catalog().files().changeState(f.id(), FileState.VERIFIED);
            }
            long fileId = f.id();
            services.catalog().metadata().putAll(values.stream().map(v -> new MetadataValue(v.owner(),
                    v.owner() == MetadataOwner.FILE ? fileId : s.id(), v.key(), v.numericValue(), v.textValue(), v.unit())).toList());
            return new EventResult(index, f.id(), s.id(), f.state().label(), null);
        } catch (IllegalArgumentException | IllegalStateException ex) {
            return new EventResult(index, null, null, null, ex.getMessage());
        }
    }

    private static int version(FileEvent e) {
        int version = e.version() == null ? 1 : e.version();
        if (version < 1) {
            throw new IllegalArgumentException("version " + version + " of " + e.relativePath() + " must be 1 or more");
        }
        return version;
    }

    private String storageRoot(String root) {
        if (!services.settings().storageRoots().containsKey(required("storage_root", root))) {
            throw new IllegalArgumentException("storage root '" + root + "' is not configured on the server; configured: "
                    + String.join(", ", services.settings().storageRoots().keySet()));
        }
        return root;
    }

    /** Version 1 is registered idempotently; a later version only when the latest differs (same as the direct sink). */
    private FileRecord register(Session s, FileEvent e, int version, Checksum sum) {
        NewFile file = new NewFile(s.id(), null, required("relative_path", e.relativePath()), required("size_bytes", e.sizeBytes()),
                sum, e.sourceMtime());
        return version == 1 ? services.catalog().files().register(file) : services.catalog().files().registerNewVersion(file);
    }

    /** Landing again with the same checksum on the same root changes nothing (a resent batch). */
    private FileRecord land(FileRecord f, String root, Checksum sum) {
        if (LANDED_STATES.contains(f.state()) && sum.equals(f.checksum()) && root.equals(f.storageRoot())) {
            return f;
        }
        return services.catalog().files().markLanded(f.id(), root, sum);
    }

    /** The event's values with owner ids still unknown (0): checksums and metadata on the file, session_metadata on the session. */
    private static List<MetadataValue> metadata(FileEvent e) {
        List<MetadataValue> values = new ArrayList<>();
        if (e.checksums() != null) {
            e.checksums().forEach((algorithm, hex) ->
                    values.add(MetadataValue.text(MetadataOwner.FILE, 0, "checksum_" + algorithm, required("checksums." + algorithm, hex))));
        }
        if (e.metadata() != null) {
            e.metadata().forEach(v -> values.add(value(MetadataOwner.FILE, v)));
        }
        if (e.sessionMetadata() != null) {
            e.sessionMetadata().forEach(v -> values.add(value(MetadataOwner.SESSION, v)));
        }
        return values;
    }

    private static MetadataValue value(MetadataOwner owner, EventValue v) {
        if (v == null) {
            throw new IllegalArgumentException("a metadata entry is null; send {key, value, unit} or {key, text}");
        }
        return new MetadataValue(owner, 0, required("metadata key", v.key()), v.value(), v.text(), v.unit());
    }

    /** The event's instrument by name, else the agent's (which may be none). */
    private Long instrumentId(String name) {
        if (name == null) {
            return agent.instrumentId();
        }
        return instrumentIds.computeIfAbsent(name, n -> services.catalog().instruments().findByName(n)
                .orElseThrow(() -> new IllegalArgumentException("no instrument named '" + n + "' on the server; add it "
                        + "(POST /api/instruments, staff) or name the agent's watch after a known instrument")).id());
    }

    private Session session(Long instrumentId, String name) {
        return sessions.computeIfAbsent(instrumentId + "\u0000" + name, key ->
                services.catalog().sessions().findByName(instrumentId, name).orElseGet(() -> {
                    try {
                        return services.catalog().sessions().create(new NewSession(name, null, instrumentId, null, services.clock().instant()));
                    } catch (IllegalStateException raced) {
                        return services.catalog().sessions().findByName(instrumentId, name).orElseThrow(() -> raced);
                    }
                }));
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
        return value;
    }
}
