package org.scopeflow.pipeline.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.pipeline.exec.LocalCapacity;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.exec.StepExecutor;

/** A catalog, a session with files, and engines over them, for engine tests. */
final class EngineFixture implements AutoCloseable {
    final Path dir;
    final Path input;
    final Path work;
    final Catalog catalog;
    final MutableClock clock = new MutableClock();
    final SessionCatalog sessions;
    final long sessionId;

    EngineFixture(Path dir, CatalogSettings settings, String sessionName) throws IOException {
        this.dir = dir;
        this.input = Files.createDirectories(dir.resolve("input"));
        this.work = Files.createDirectories(dir.resolve("work"));
        this.catalog = Catalog.open(settings);
        this.sessions = new SessionCatalog(catalog.jdbi(), clock);
        this.sessionId = sessions.openSession(sessionName);
    }

    static EngineFixture h2(Path dir) throws IOException {
        return new EngineFixture(dir, CatalogSettings.embedded(dir), "session-" + dir.getFileName());
    }

    Jdbi jdbi() {
        return catalog.jdbi();
    }

    /** Writes a file into the session's input directory and catalogues it. */
    long addFile(String relativePath, String content) throws IOException {
        Path p = input.resolve(relativePath);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return sessions.registerFile(sessionId, "", relativePath, Files.size(p), null, null);
    }

    /** Writes an executable bash script under the fixture directory; returns its path. */
    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/bash\nset -euo pipefail\n" + body + "\n");
        p.toFile().setExecutable(true);
        return p;
    }

    PipelineEngine engine(String id, Map<String, StepExecutor> executors) {
        EngineSettings s = new EngineSettings(id, Duration.ofSeconds(30), 16, Duration.ofMillis(200), Duration.ofSeconds(30));
        return new PipelineEngine(jdbi(), executors, new StepAdapters(), s, clock);
    }

    LocalExecutor local(int cpus) {
        return new LocalExecutor(new LocalCapacity(cpus, 8000, 0), (Clock) clock);
    }

    /** Rows of a query as maps, for assertions. */
    List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapToMap().list();
        });
    }

    @Override
    public void close() {
        catalog.close();
    }
}
