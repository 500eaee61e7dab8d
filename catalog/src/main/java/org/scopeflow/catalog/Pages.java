package org.scopeflow.catalog;

import java.util.List;
import java.util.function.ToLongFunction;
import org.scopeflow.model.Page;

/** Keyset pagination: queries fetch {@code limit + 1} rows after the cursor to learn whether more follow. */
final class Pages {
    /** Largest page a caller may ask for. */
    static final int MAX_LIMIT = 10_000;

    private Pages() {}

    /** Checks the arguments of a listing and returns how many rows the query must fetch. */
    static int fetchSize(long afterId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page limit " + limit + " is outside 1–" + MAX_LIMIT);
        }
        if (afterId < 0) {
            throw new IllegalArgumentException("cursor " + afterId + " is negative; start with 0");
        }
        return limit + 1;
    }

    /** The page of the first {@code limit} rows; its cursor is set when a further row was fetched. */
    static <T> Page<T> of(List<T> fetched, int limit, ToLongFunction<T> id) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, id.applyAsLong(items.get(limit - 1)));
    }
}
