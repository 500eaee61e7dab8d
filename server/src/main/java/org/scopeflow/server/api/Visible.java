package org.scopeflow.server.api;

import org.scopeflow.model.FileRecord;
import org.scopeflow.model.Session;
import org.scopeflow.server.Services;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.ProblemException;

/**
 * Loads rows by id for a caller, answering 404 both when the row does not exist and when it
 * belongs to a project the caller is not a member of, so members learn nothing about other projects.
 */
public final class Visible {
    private final Services services;

    public Visible(Services services) {
        this.services = services;
    }

    public Session session(long id, Principal p) {
        return services.catalog().sessions().find(id).filter(s -> p.canRead(s.projectId()))
                .orElseThrow(() -> ProblemException.notFound("no session with id " + id + " that you can see"));
    }

    public FileRecord file(long id, Principal p) {
        return services.catalog().files().find(id)
                .filter(f -> services.catalog().sessions().find(f.sessionId()).map(s -> p.canRead(s.projectId())).orElse(false))
                .orElseThrow(() -> ProblemException.notFound("no file with id " + id + " that you can see"));
    }

    /** A positive id from a path parameter, 400 otherwise. */
    public static long pathId(io.javalin.http.Context ctx, String name) {
        return Ids.path(ctx, name);
    }
}
