package org.scopeflow.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;

/** Reads one {@code watches[i]} mapping; problems go to the shared {@link SettingsTree}. */
final class WatchReader {
    private static final Set<String> KNOWN = Set.of("name", "source", "destination", "session_pattern", "include",
            "exclude", "complete", "checksum", "parallel", "poll_seconds", "polling_only", "after_transfer", "verify",
            "follow_symlinks");
    private static final Set<String> BUILT_IN = Set.of("path", "name", "yyyy", "mm", "dd");
    private final SettingsTree tree;
    private final JsonNode node;
    private final String path;

    WatchReader(SettingsTree tree, JsonNode node, String path) {
        this.tree = tree;
        this.node = node;
        this.path = path;
    }

    WatchSettings read() {
        if (!node.isObject()) {
            tree.problem(path, "expected a mapping with name, source and destination, found " + SettingsTree.describe(node));
            return null;
        }
        tree.rejectUnknownKeys(node, path, KNOWN);
        String name = tree.requiredString(node, path, "name", "krios1");
        if (name != null && !name.matches("[A-Za-z0-9_.-]+")) {
            tree.problem(path + ".name", "value '" + name + "' may only contain letters, digits, '_', '.', '-'");
        }
        Path source = PathSetting.absolute(tree, path + ".source", tree.requiredString(node, path, "source", "/data/incoming"));
        Pattern sessionPattern = sessionPattern();
        DestinationTemplate destination = destination(sessionPattern);
        List<String> include = globs("include");
        List<String> exclude = globs("exclude");
        double quiet = 10;
        String sidecar = null;
        JsonNode complete = tree.object(node, path, "complete").orElse(null);
        if (complete != null) {
            tree.rejectUnknownKeys(complete, path + ".complete", Set.of("quiet_seconds", "sidecar"));
            quiet = tree.number(complete, path + ".complete", "quiet_seconds", 0, 86_400).orElse(quiet);
            sidecar = tree.string(complete, path + ".complete", "sidecar").orElse(null);
            if (sidecar != null && !sidecar.contains("{stem}")) {
                tree.problem(path + ".complete.sidecar", "value '" + sidecar + "' has no {stem}; e.g. \"{stem}.xml\"");
            }
        }
        int parallel = tree.number(node, path, "parallel", 1, 256).orElse(4.0).intValue();
        double poll = tree.number(node, path, "poll_seconds", 0.05, 86_400).orElse(30.0);
        boolean pollingOnly = tree.bool(node, path, "polling_only").orElse(false);
        boolean follow = tree.bool(node, path, "follow_symlinks").orElse(false);
        VerifyMode verify = tree.string(node, path, "verify").map(v -> VerifyMode.byId(v).orElseGet(() -> {
            tree.problem(path + ".verify", "value '" + v + "' is not one of reread, cached, none");
            return VerifyMode.REREAD;
        })).orElse(VerifyMode.REREAD);
        return new WatchSettings(name, source, destination, sessionPattern, include, exclude, quiet, sidecar,
                checksums(), parallel, poll, pollingOnly, afterTransfer(), verify, follow);
    }

    private Pattern sessionPattern() {
        String regex = tree.string(node, path, "session_pattern").orElse(null);
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            tree.problem(path + ".session_pattern", "value '" + regex + "' is not a valid regex: " + e.getDescription());
            return null;
        }
    }

    private DestinationTemplate destination(Pattern sessionPattern) {
        String raw = tree.requiredString(node, path, "destination", "/storage/krios1/{path}");
        if (raw == null) {
            return null;
        }
        DestinationTemplate t = new DestinationTemplate(raw);
        Set<String> groups = sessionPattern == null ? Set.of() : DestinationTemplate.groupNames(sessionPattern.pattern());
        for (String p : t.placeholders()) {
            if (!BUILT_IN.contains(p) && !groups.contains(p)) {
                tree.problem(path + ".destination", "placeholder {" + p + "} in '" + raw
                        + "' is unknown; use {path}, {name}, {yyyy}, {mm}, {dd} or a named group of session_pattern");
            }
        }
        if (!t.placeholders().contains("path")) {
            tree.problem(path + ".destination", "value '" + raw + "' has no {path}; without it files from different folders collide");
        }
        if (!Path.of(raw).isAbsolute()) {
            tree.problem(path + ".destination", "value '" + raw + "' is a relative path; write an absolute path");
        }
        return t;
    }

    private List<String> globs(String key) {
        List<String> globs = tree.strings(node, path, key);
        for (int i = 0; i < globs.size(); i++) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + globs.get(i));
            } catch (IllegalArgumentException e) {
                tree.problem(path + "." + key + "[" + i + "]", "glob '" + globs.get(i) + "' is invalid: " + e.getMessage());
            }
        }
        return globs;
    }

    private Set<ChecksumAlgorithm> checksums() {
        List<String> ids = tree.strings(node, path, "checksum");
        Set<ChecksumAlgorithm> algs = EnumSet.noneOf(ChecksumAlgorithm.class);
        for (String id : ids) {
            if (id.equals("both")) {
                algs.addAll(EnumSet.allOf(ChecksumAlgorithm.class));
                continue;
            }
            ChecksumAlgorithm.byId(id).ifPresentOrElse(algs::add, () -> tree.problem(path + ".checksum",
                    "value '" + id + "' is not one of " + ChecksumAlgorithm.allIds() + " (or both, or a list)"));
        }
        return algs.isEmpty() ? EnumSet.of(ChecksumAlgorithm.XXH3_128) : algs;
    }

    private AfterTransfer afterTransfer() {
        String v = tree.string(node, path, "after_transfer").orElse("keep");
        if (v.equals("keep")) {
            return AfterTransfer.KEEP;
        }
        if (v.equals("delete")) {
            return new AfterTransfer(AfterTransfer.Action.DELETE, null);
        }
        if (v.startsWith("move:")) {
            Path root = PathSetting.absolute(tree, path + ".after_transfer", v.substring(5));
            return root == null ? AfterTransfer.KEEP : new AfterTransfer(AfterTransfer.Action.MOVE, root);
        }
        tree.problem(path + ".after_transfer", "value '" + v + "' is not keep, delete or move:/absolute/path");
        return AfterTransfer.KEEP;
    }
}
