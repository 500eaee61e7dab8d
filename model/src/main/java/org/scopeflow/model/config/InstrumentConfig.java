package org.scopeflow.model.config;

/**
 * An instrument of the facility as configured.
 *
 * @param name                unique name, also used in storage paths (e.g. {@code krios1})
 * @param kind                {@code cryo-em}, {@code light-sheet} or {@code other}
 * @param detector            detector model, may be null
 * @param pixelSizeAngstrom   default pixel size in Å at the specimen, may be null
 * @param voltageKv           acceleration voltage in kV (electron microscopes), may be null
 * @param pipeline            the pipeline every new session of the instrument gets: a shipped template
 *                            name (e.g. {@code single-particle-live-builtin}) or a YAML file (absolute,
 *                            resolved against the configuration's directory); null for none
 */
public record InstrumentConfig(String name, String kind, String detector, Double pixelSizeAngstrom, Double voltageKv,
                               String pipeline) {
    public static final java.util.List<String> KINDS = java.util.List.of("cryo-em", "light-sheet", "other");

    /** An instrument without an automatic pipeline. */
    public InstrumentConfig(String name, String kind, String detector, Double pixelSizeAngstrom, Double voltageKv) {
        this(name, kind, detector, pixelSizeAngstrom, voltageKv, null);
    }
}
