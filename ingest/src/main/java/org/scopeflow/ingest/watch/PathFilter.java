package org.scopeflow.ingest.watch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * include/exclude globs on the '/'-separated relative path. A leading {@code **}{@code /} also matches
 * at the top level ({@code **}{@code /*.tiff} matches {@code a.tiff}), as people expect from rsync and git.
 * An empty include list includes everything. Thread-safe.
 */
public final class PathFilter {
    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;

    public PathFilter(List<String> include, List<String> exclude) {
        this.include = compile(include);
        this.exclude = compile(exclude);
    }

    /** True when {@code relativePath} is included and not excluded. */
    public boolean accepts(String relativePath) {
        Path p = Path.of(relativePath);
        if (exclude.stream().anyMatch(m -> m.matches(p))) {
            return false;
        }
        return include.isEmpty() || include.stream().anyMatch(m -> m.matches(p));
    }

    private static List<PathMatcher> compile(List<String> globs) {
        List<PathMatcher> out = new ArrayList<>();
        for (String g : globs) {
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
            if (g.startsWith("**/")) {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + g.substring(3)));
            }
        }
        return out;
    }
}
