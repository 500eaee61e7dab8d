package org.scopeflow.server.api;

import java.time.Instant;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.Instrument;
import org.scopeflow.model.Membership;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.Project;
import org.scopeflow.model.Session;

/** JSON shapes of catalog rows: snake_case, units in names, states as lower-case labels. */
public final class Views {
    private Views() {}

    public record InstrumentView(long id, String name, String kind, String detector, Double pixelSizeAngstrom,
                                 Double voltageKv, Instant createdAt) {
        public static InstrumentView of(Instrument i) {
            return new InstrumentView(i.id(), i.name(), i.kind().label(), i.detector(), i.pixelSizeAngstrom(),
                    i.voltageKv(), i.createdAt());
        }
    }

    public record ProjectView(long id, String name, String title, Instant createdAt) {
        public static ProjectView of(Project p) {
            return new ProjectView(p.id(), p.name(), p.title(), p.createdAt());
        }
    }

    public record MemberView(long projectId, long userId, String username, String role, Instant createdAt) {
        public static MemberView of(Membership m, String username) {
            return new MemberView(m.projectId(), m.userId(), username, m.role().label(), m.createdAt());
        }
    }

    public record SessionView(long id, String name, Long projectId, Long instrumentId, String operator, String state,
                              Instant startedAt, Instant endedAt, Instant createdAt) {
        public static SessionView of(Session s) {
            return new SessionView(s.id(), s.name(), s.projectId(), s.instrumentId(), s.operator(), s.state().label(),
                    s.startedAt(), s.endedAt(), s.createdAt());
        }
    }

    public record FileView(long id, long sessionId, Long datasetId, String relativePath, int version, long sizeBytes,
                           String checksumAlgorithm, String checksumHex, Instant sourceMtime, String state,
                           String storageRoot, Instant landedAt, Instant createdAt) {
        public static FileView of(FileRecord f) {
            return new FileView(f.id(), f.sessionId(), f.datasetId(), f.relativePath(), f.version(), f.sizeBytes(),
                    f.checksum() == null ? null : f.checksum().algorithm(), f.checksum() == null ? null : f.checksum().hex(),
                    f.sourceMtime(), f.state().label(), f.storageRoot(), f.landedAt(), f.createdAt());
        }
    }

    public record MetadataView(String key, Double value, String text, String unit) {
        public static MetadataView of(MetadataValue m) {
            return new MetadataView(m.key(), m.numericValue(), m.textValue(), m.unit());
        }
    }
}
