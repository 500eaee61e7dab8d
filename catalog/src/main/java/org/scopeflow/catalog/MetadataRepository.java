package org.scopeflow.catalog;

import java.util.List;
import java.util.Optional;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;

/** Metadata and metrics of files, datasets and sessions, each with its unit. Thread-safe. */
public interface MetadataRepository {
    /** Stores the value, replacing the value the owner had under that key (and its unit). */
    void put(MetadataValue value);

    /** Stores many values in one transaction, each replacing the owner's value under its key. */
    void putAll(List<MetadataValue> values);

    Optional<MetadataValue> get(MetadataOwner owner, long ownerId, String key);

    /** Every value of the owner, by key. */
    List<MetadataValue> list(MetadataOwner owner, long ownerId);
}
