package org.scopeflow.server.api;

import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.pipeline.engine.SessionCatalog;
import org.scopeflow.server.Services;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.ProblemException;
import org.scopeflow.server.query.MetricKeys;
import org.scopeflow.server.query.SessionQueries;
import org.scopeflow.server.web.StorageFiles;

/**
 * Serves images and files from the storage roots: a movie's pictures (their paths are metadata of the
 * movie, relative to its storage root), a session's pictures (metadata of the session, relative to the
 * storage root of its files) and, for staff, any file by root and path.
 * Nothing outside the roots is ever served (see {@link StorageFiles}).
 */
public final class StorageApi {
    private final Services services;
    private final StorageFiles storage;
    private final Visible visible;
    private final SessionQueries queries;

    public StorageApi(Services services, SessionQueries queries) {
        this.services = services;
        this.queries = queries;
        this.storage = new StorageFiles(services.settings().storageRoots());
        this.visible = new Visible(services);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/files/{id}/thumbnail", Access.PROJECT, "A movie's thumbnail image",
                        (ctx, p) -> sendImage(ctx, p, MetricKeys.IMAGES.get(0))),
                ApiRoute.get("/api/files/{id}/images/{name}", Access.PROJECT,
                        "A picture of a movie: thumbnail, picks, ctf (spectrum with the fit), spectrum or drift",
                        (ctx, p) -> sendImage(ctx, p, picture(MetricKeys.IMAGES, ctx.pathParam("name"), "picture"))),
                ApiRoute.get("/api/sessions/{id}/images/{name}", Access.PROJECT,
                        "A picture of a whole session, drawn by a batch or final step: classes (the newest 2D class averages)",
                        (ctx, p) -> {
                            String name = ctx.pathParam("name");
                            MetricKeys.Image image = picture(MetricKeys.SESSION_IMAGES, name, "session picture");
                            long id = visible.session(Ids.path(ctx, "id"), p).id();
                            SessionQueries.SessionImage found = queries.sessionImage(id, image.key())
                                    .orElseThrow(() -> ProblemException.notFound("session " + id + " has no " + name
                                            + " picture yet (a batch step such as relion:class2d draws it when it succeeds)"));
                            send(ctx, storage.resolve(rootOr(found.storageRoot()), found.path()));
                        }),
                ApiRoute.get("/api/files/{id}/content", Access.PROJECT,
                        "The bytes of a file: session data from its storage root, or a pipeline output from its run's work directory",
                        (ctx, p) -> {
                            FileRecord f = visible.file(Ids.path(ctx, "id"), p);
                            Path file = locate(f);
                            ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName().toString()
                                    .replaceAll("[\"\\\\\\r\\n]", "_") + "\"");
                            send(ctx, file);
                        }),
                ApiRoute.get("/api/storage/{root}/<path>", Access.STAFF, "A file of a storage root by its relative path",
                        (ctx, p) -> send(ctx, storage.resolve(ctx.pathParam("root"), ctx.pathParam("path")))));
    }

    private void sendImage(Context ctx, Principal p, MetricKeys.Image image) throws java.io.IOException {
        FileRecord f = visible.file(Ids.path(ctx, "id"), p);
        String path = services.catalog().metadata().get(MetadataOwner.FILE, f.id(), image.key())
                .map(m -> m.textValue())
                .orElseThrow(() -> ProblemException.notFound("file " + f.id() + " has no " + image.name() + " picture yet"));
        String root = rootOr(f.storageRoot());
        send(ctx, storage.resolve(root, path));
    }

    /**
     * Where a catalogued file is. Pipeline outputs are registered under the storage root
     * {@code pipeline} as {@code <pipeline name>/<path in the run's work directory>}; they are served only
     * when that work directory lies inside a configured storage root (the server's own engine puts it
     * under {@code <root>/processing/<session>}), so nothing outside the roots is ever served.
     */
    private Path locate(FileRecord f) {
        String root = rootOr(f.storageRoot());
        if (!SessionCatalog.OUTPUT_ROOT.equals(root) || services.settings().storageRoots().containsKey(root)) {
            return storage.resolve(root, f.relativePath());
        }
        int slash = f.relativePath().indexOf('/');
        String pipeline = slash > 0 ? f.relativePath().substring(0, slash) : "";
        // one run per session and pipeline name (pipeline_runs_session_name)
        Path work = services.catalog().jdbi().withHandle(h -> h.createQuery(
                        "SELECT work_root FROM pipeline_runs WHERE session_id = :s AND pipeline_name = :n")
                .bind("s", f.sessionId()).bind("n", pipeline).mapTo(String.class).findOne())
                .map(w -> Path.of(w).toAbsolutePath().normalize())
                .orElseThrow(() -> ProblemException.notFound("pipeline output " + f.id() + " ('" + f.relativePath()
                        + "') belongs to no pipeline run of its session"));
        for (var r : services.settings().storageRoots().entrySet()) {
            Path rootPath = r.getValue().toAbsolutePath().normalize();
            if (work.startsWith(rootPath)) {
                String rel = rootPath.relativize(work).toString().replace('\\', '/');
                return storage.resolve(r.getKey(), (rel.isEmpty() ? "" : rel + "/") + f.relativePath().substring(slash + 1));
            }
        }
        throw ProblemException.notFound("pipeline output " + f.id() + " ('" + f.relativePath() + "') is not under any storage root "
                + "of this server (its run's work directory is " + work + "); copy it from there");
    }

    /** The picture called {@code name} among {@code known}; a 404 naming the known ones otherwise. */
    private static MetricKeys.Image picture(List<MetricKeys.Image> known, String name, String what) {
        return MetricKeys.named(known, name).orElseThrow(() -> ProblemException.notFound("no " + what + " called '" + name
                + "'; known: " + String.join(", ", known.stream().map(MetricKeys.Image::name).toList())));
    }

    /** {@code root}, or the server's first storage root for data recorded without one. */
    private String rootOr(String root) {
        return root != null ? root : services.settings().storageRoots().keySet().iterator().next();
    }

    private static void send(Context ctx, Path file) throws java.io.IOException {
        ctx.header("Cache-Control", "private, max-age=60");
        ctx.contentType(StorageFiles.contentType(file)).result(Files.newInputStream(file));
    }
}
