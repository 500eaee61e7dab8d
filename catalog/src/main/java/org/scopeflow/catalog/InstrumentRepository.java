package org.scopeflow.catalog;

import java.util.Optional;
import org.scopeflow.model.Instrument;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.Page;

/** Instruments of the facility. Thread-safe. */
public interface InstrumentRepository {
    /**
     * Adds an instrument.
     *
     * @throws IllegalStateException when an instrument of that name exists
     */
    Instrument create(NewInstrument instrument);

    Optional<Instrument> find(long id);

    Optional<Instrument> findByName(String name);

    /** Instruments with id greater than {@code afterId} (0 = from the start), by id, at most {@code limit}. */
    Page<Instrument> list(long afterId, int limit);
}
