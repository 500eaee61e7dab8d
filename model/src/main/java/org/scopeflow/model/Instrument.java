package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A microscope known to the catalog.
 *
 * @param id                64-bit catalog id
 * @param name              unique name, e.g. {@code krios-1}
 * @param kind              what it records
 * @param detector          camera or detector name; may be null
 * @param pixelSizeAngstrom default pixel size in Å; may be null when unknown
 * @param voltageKv         acceleration voltage in kV; may be null (light-sheet)
 * @param createdAt         when it was added to the catalog
 */
public record Instrument(long id, String name, InstrumentKind kind, String detector,
                         Double pixelSizeAngstrom, Double voltageKv, Instant createdAt) {
    public Instrument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
