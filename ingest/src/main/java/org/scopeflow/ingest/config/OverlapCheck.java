package org.scopeflow.ingest.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Refuses configurations where a watch would ingest its own output: source and destination storage
 * root (or state_dir, or the move:/ trash) overlapping. Compares normalized absolute paths and, where
 * they exist, their real paths (so a symlink cannot hide an overlap).
 */
final class OverlapCheck {
    private final SettingsTree tree;

    OverlapCheck(SettingsTree tree) {
        this.tree = tree;
    }

    void check(Path stateDir, List<WatchSettings> watches) {
        for (int i = 0; i < watches.size(); i++) {
            WatchSettings w = watches.get(i);
            String at = "watches[" + i + "]";
            if (w.source() == null) {
                continue;
            }
            if (w.destination() != null) {
                refuse(at + ".destination", w.source(), w.destination().storageRoot(), "destination");
            }
            if (stateDir != null) {
                refuse("state_dir", w.source(), stateDir, "state_dir");
            }
            if (w.afterTransfer().moveRoot() != null) {
                refuse(at + ".after_transfer", w.source(), w.afterTransfer().moveRoot(), "move target");
            }
        }
    }

    private void refuse(String path, Path source, Path other, String what) {
        Path a = real(source);
        Path b = real(other);
        if (a.startsWith(b) || b.startsWith(a)) {
            tree.problem(path, what + " " + other + " overlaps source " + source
                    + "; the agent would ingest its own output: use separate directory trees");
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
