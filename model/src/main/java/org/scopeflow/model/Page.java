package org.scopeflow.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of a keyset-paginated listing. Pass {@link #nextCursor()} back to get the next page;
 * pages stay stable when rows are added meanwhile (new rows appear at the end).
 *
 * @param items      the rows of this page, in listing order
 * @param nextCursor cursor of the next page (the id of the last row here); null on the last page
 * @param <T>        row type
 */
public record Page<T>(List<T> items, Long nextCursor) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** Whether more rows may follow. */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /** The cursor of the next page, empty on the last page. */
    public OptionalLong next() {
        return nextCursor == null ? OptionalLong.empty() : OptionalLong.of(nextCursor);
    }
}
