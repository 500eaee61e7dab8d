package org.scopeflow.model;

import java.util.Objects;

/**
 * An instrument to add to the catalog; the catalog assigns its id and creation time.
 *
 * @param name              unique, 1–200 characters
 * @param kind              what it records
 * @param detector          may be null
 * @param pixelSizeAngstrom default pixel size in Å, positive; may be null
 * @param voltageKv         acceleration voltage in kV, positive; may be null
 */
public record NewInstrument(String name, InstrumentKind kind, String detector,
                            Double pixelSizeAngstrom, Double voltageKv) {
    public NewInstrument {
        Names.require("instrument name", name, 200);
        Objects.requireNonNull(kind, "kind");
        if (pixelSizeAngstrom != null && !(pixelSizeAngstrom > 0)) {
            throw new IllegalArgumentException("instrument " + name + ": pixel size " + pixelSizeAngstrom
                    + " Å is not positive");
        }
        if (voltageKv != null && !(voltageKv > 0)) {
            throw new IllegalArgumentException("instrument " + name + ": voltage " + voltageKv
                    + " kV is not positive");
        }
    }
}
