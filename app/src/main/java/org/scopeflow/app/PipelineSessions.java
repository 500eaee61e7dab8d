package org.scopeflow.app;

import org.jdbi.v3.core.Jdbi;
import org.scopeflow.pipeline.provenance.ProvenanceReport;

/** The session a pipeline command names, by id or exact name, or a usage error that says how to find it. */
final class PipelineSessions {
    private PipelineSessions() {}

    static long id(Jdbi jdbi, String session) {
        return new ProvenanceReport(jdbi).findSession(session).orElseThrow(() -> new UserFacingException("no session '" + session
                + "' in the catalog; give its id or exact name (scopeflow db info lists the catalog)", ExitCodes.USAGE));
    }
}
