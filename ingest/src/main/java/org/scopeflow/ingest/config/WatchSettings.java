package org.scopeflow.ingest.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;

/**
 * One validated {@code watches[]} entry of the agent configuration.
 *
 * @param name           instrument name, [A-Za-z0-9_.-]+, unique among watches
 * @param source         absolute, normalized source directory
 * @param destination    destination template with {path}, {name}, {yyyy}, {mm}, {dd} and session_pattern groups
 * @param sessionPattern regex applied to the '/'-separated relative path; null when not set (session = watch name)
 * @param include        glob patterns (relative path); empty means everything
 * @param exclude        glob patterns (relative path)
 * @param quietSeconds   size and mtime unchanged this long (agent clock) → complete
 * @param sidecar        sidecar template such as "{stem}.xml", or null
 * @param checksums      algorithms computed while copying; at least one
 * @param parallel       files transferred at once
 * @param pollSeconds    period of reconcile scans
 * @param pollingOnly    true: no filesystem events, scans only (NFS/SMB)
 * @param afterTransfer  source clean-up
 * @param verify         how written bytes are verified
 * @param followSymlinks follow symbolic links in the source (default false)
 */
public record WatchSettings(String name, Path source, DestinationTemplate destination, Pattern sessionPattern,
                            List<String> include, List<String> exclude, double quietSeconds, String sidecar,
                            Set<ChecksumAlgorithm> checksums, int parallel, double pollSeconds, boolean pollingOnly,
                            AfterTransfer afterTransfer, VerifyMode verify, boolean followSymlinks) {
    public WatchSettings {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        checksums = Set.copyOf(checksums);
    }

    /** The quiet period in milliseconds. */
    public long quietMillis() {
        return Math.round(quietSeconds * 1000);
    }

    /** The reconcile period in milliseconds. */
    public long pollMillis() {
        return Math.round(pollSeconds * 1000);
    }
}
