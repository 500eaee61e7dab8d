package org.scopeflow.server.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.scopeflow.server.http.ProblemException;

/**
 * Resolves paths inside the configured storage roots, refusing anything that would leave them:
 * absolute paths, {@code ..} segments (also when percent-encoded, since they arrive decoded) and
 * symbolic links whose target lies outside the root. Only regular files are served.
 */
public final class StorageFiles {
    private final Map<String, Path> roots;

    public StorageFiles(Map<String, Path> roots) {
        this.roots = roots;
    }

    /**
     * @param rootName     a configured storage root
     * @param relativePath '/'-separated path inside it
     * @return the real path of a regular file inside the root
     * @throws ProblemException 400 for a path that tries to leave the root; 404 when the root or
     *                          file does not exist or a link points outside the root
     */
    public Path resolve(String rootName, String relativePath) {
        Path root = roots.get(rootName);
        if (root == null) {
            throw ProblemException.notFound("no storage root named '" + rootName + "'; configured: " + String.join(", ", roots.keySet()));
        }
        if (relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/") || relativePath.indexOf('\0') >= 0
                || relativePath.indexOf('\\') >= 0) {
            throw ProblemException.badRequest("path '" + relativePath + "' must be relative to storage root " + rootName);
        }
        for (String segment : relativePath.split("/")) {
            if (segment.equals("..")) {
                throw ProblemException.badRequest("path '" + relativePath + "' leaves storage root " + rootName + "; '..' is not allowed");
            }
        }
        try {
            Path realRoot = root.toRealPath();
            Path candidate = realRoot.resolve(relativePath).normalize();
            if (!candidate.startsWith(realRoot)) {
                throw ProblemException.badRequest("path '" + relativePath + "' leaves storage root " + rootName);
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
                throw notFound(rootName, relativePath);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw notFound(rootName, relativePath);
        } catch (IOException e) {
            throw ProblemException.notFound("'" + relativePath + "' in storage root " + rootName + " cannot be read: " + e.getMessage());
        }
    }

    private static ProblemException notFound(String rootName, String relativePath) {
        return ProblemException.notFound("no file '" + relativePath + "' in storage root " + rootName);
    }

    /** Content type by file name, for the image formats the pipeline writes. */
    public static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".txt") || name.endsWith(".log") || name.endsWith(".star")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
