package org.scopeflow.server.http;

import java.util.List;

/**
 * One page of a listing as the API returns it.
 *
 * @param items      rows of this page
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record Paged<T>(List<T> items, String nextCursor) {
    /** A page built from rows fetched with {@code limit + 1}: the extra row signals a next page. */
    public static <T> Paged<T> of(List<T> fetched, int limit, java.util.function.ToLongFunction<T> id) {
        if (fetched.size() <= limit) {
            return new Paged<>(fetched, null);
        }
        List<T> page = fetched.subList(0, limit);
        return new Paged<>(List.copyOf(page), Long.toString(id.applyAsLong(page.get(limit - 1))));
    }
}
