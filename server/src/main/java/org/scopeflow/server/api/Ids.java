package org.scopeflow.server.api;

import io.javalin.http.Context;
import java.util.function.Function;
import org.scopeflow.server.http.ProblemException;

/** Reading path ids and validating request values, answering bad ones with a 400 problem. */
final class Ids {
    private Ids() {}

    /** A positive 64-bit id from the path. */
    static long path(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest(name + " '" + raw + "' is not an id; ids are positive whole numbers");
    }

    /** Applies a validating function; its IllegalArgumentException becomes a 400 naming the field. */
    static <T, R> R parse(String field, T value, Function<T, R> parser) {
        if (value == null) {
            throw ProblemException.badRequest("field '" + field + "' is required");
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("field '" + field + "': " + e.getMessage());
        }
    }

    /** The catalog's "already exists" and "does not exist" states as 409 problems. */
    static <R> R catalog(java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
