package org.scopeflow.model;

/** What an instrument records; the label is the form used in configuration, the catalog and JSON. */
public enum InstrumentKind {
    CRYO_EM("cryo-em"),
    LIGHT_SHEET("light-sheet"),
    OTHER("other");

    private final String label;

    InstrumentKind(String label) {
        this.label = label;
    }

    /** The lower-case, hyphenated form, e.g. {@code cryo-em}. */
    public String label() {
        return label;
    }

    /**
     * The kind with this label (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the accepted labels when it is unknown
     */
    public static InstrumentKind fromLabel(String label) {
        return Labels.find(InstrumentKind.class, "instrument kind", label, InstrumentKind::label);
    }
}
