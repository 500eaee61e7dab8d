package org.scopeflow.server.http;

import io.javalin.http.Context;

/**
 * The pagination parameters of a listing: {@code limit} (1–{@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}) and {@code cursor} (the {@code next_cursor} of the previous page; absent
 * for the first page). Listings are keyset-paginated by id, so pages stay stable while rows are added.
 *
 * @param afterId rows with an id greater than this are returned (0 for the first page)
 * @param limit   rows per page
 */
public record PageRequest(long afterId, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** @throws ProblemException 400 naming the parameter and its accepted range */
    public static PageRequest from(Context ctx) {
        return new PageRequest(cursor(ctx.queryParam("cursor")), limit(ctx.queryParam("limit")));
    }

    static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw ProblemException.badRequest("limit '" + raw + "' is not a whole number from 1 to "
                + MAX_LIMIT + "; omit it for " + DEFAULT_LIMIT + " rows per page");
    }

    static long cursor(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            long cursor = Long.parseLong(raw);
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("cursor '" + raw
                + "' is not a cursor; pass the next_cursor of the previous page, or omit it for the first page");
    }
}
