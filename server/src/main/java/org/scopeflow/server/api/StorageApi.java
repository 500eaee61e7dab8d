package org.scopeflow.server.api;

import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.server.Services;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.ProblemException;
import org.scopeflow.server.query.MetricKeys;
import org.scopeflow.server.web.StorageFiles;

/**
 * Serves images and files from the storage roots: a movie's thumbnail (its {@code thumbnail_path}
 * metadata, relative to the movie's storage root) and, for staff, any file by root and path.
 * Nothing outside the roots is ever served (see {@link StorageFiles}).
 */
public final class StorageApi {
    private final Services services;
    private final StorageFiles storage;
    private final Visible visible;

    public StorageApi(Services services) {
        this.services = services;
        this.storage = new StorageFiles(services.settings().storageRoots());
        this.visible = new Visible(services);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/files/{id}/thumbnail", Access.PROJECT, "A movie's thumbnail image",
                        (ctx, p) -> sendImage(ctx, p, MetricKeys.IMAGES.get(0))),
                ApiRoute.get("/api/files/{id}/images/{name}", Access.PROJECT,
                        "A picture of a movie: thumbnail, picks, ctf (spectrum with the fit), spectrum or drift", (ctx, p) -> {
                            String name = ctx.pathParam("name");
                            sendImage(ctx, p, MetricKeys.image(name).orElseThrow(() -> ProblemException.notFound("no picture called '"
                                    + name + "'; known: " + String.join(", ", MetricKeys.IMAGES.stream().map(MetricKeys.Image::name).toList()))));
                        }),
                ApiRoute.get("/api/storage/{root}/<path>", Access.STAFF, "A file of a storage root by its relative path",
                        (ctx, p) -> send(ctx, storage.resolve(ctx.pathParam("root"), ctx.pathParam("path")))));
    }

    private void sendImage(Context ctx, Principal p, MetricKeys.Image image) throws java.io.IOException {
        FileRecord f = visible.file(Ids.path(ctx, "id"), p);
        String path = services.catalog().metadata().get(MetadataOwner.FILE, f.id(), image.key())
                .map(m -> m.textValue())
                .orElseThrow(() -> ProblemException.notFound("file " + f.id() + " has no " + image.name() + " picture yet"));
        String root = f.storageRoot() != null ? f.storageRoot() : services.settings().storageRoots().keySet().iterator().next();
        send(ctx, storage.resolve(root, path));
    }

    private static void send(Context ctx, Path file) throws java.io.IOException {
        ctx.header("Cache-Control", "private, max-age=60");
        ctx.contentType(StorageFiles.contentType(file)).result(Files.newInputStream(file));
    }
}
