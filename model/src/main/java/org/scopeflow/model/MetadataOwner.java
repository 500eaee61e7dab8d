package org.scopeflow.model;

/** What a metadata value describes. */
public enum MetadataOwner {
    FILE, DATASET, SESSION;

    /** The lower-case form stored in the catalog, e.g. {@code file}. */
    public String label() {
        return Labels.of(this);
    }

    /** @throws IllegalArgumentException naming the value and the accepted labels */
    public static MetadataOwner fromLabel(String label) {
        return Labels.find(MetadataOwner.class, "metadata owner", label, MetadataOwner::label);
    }
}
