package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;
import org.scopeflow.ingest.agent.TreeCopier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow ingest SRC DEST}: one-shot verified copy of a tree. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Copies the tree SRC into DEST verified: hash while copying, fsync, re-read from storage, atomic rename, keep mtimes.",
                "Identical files at DEST are skipped; different ones are stored as name.vN.ext and reported; nothing is overwritten.",
                "Exit codes: 0 all verified, 1 some files failed (listed), 2 bad usage."})
public final class IngestCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SRC", description = "Directory to copy.")
    Path source;

    @Parameters(index = "1", paramLabel = "DEST", description = "Directory to copy into (created if missing).")
    Path destination;

    @Option(names = "--checksum", split = ",", paramLabel = "ALG", defaultValue = "xxh3-128",
            description = "xxh3-128 or sha256, or both comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> checksum;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Files copied at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--verify", paramLabel = "MODE", defaultValue = "reread",
            description = "reread (from storage, bypassing the page cache), cached, or none (default: ${DEFAULT-VALUE}).")
    String verify;

    @Option(names = "--json", description = "Print the summary as one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Set<ChecksumAlgorithm> algs = EnumSet.noneOf(ChecksumAlgorithm.class);
        for (String c : checksum) {
            algs.add(ChecksumAlgorithm.byId(c).orElseThrow(() -> new IllegalArgumentException(
                    "--checksum " + c + " is not one of " + ChecksumAlgorithm.allIds())));
        }
        VerifyMode mode = VerifyMode.byId(verify).orElseThrow(() -> new IllegalArgumentException(
                "--verify " + verify + " is not one of reread, cached, none"));
        long start = System.nanoTime();
        TreeCopier.Summary s;
        try (Bar bar = new Bar(System.console() != null && !json)) {
            s = new TreeCopier(algs, mode, parallel).copy(source, destination, bar);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print(s, seconds);
        return s.failures().isEmpty() && s.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void print(TreeCopier.Summary s, double seconds) {
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode().put("copied_files", s.copied()).put("identical_files", s.identical())
                    .put("versioned_files", s.versioned()).put("failed_files", s.failures().size()).put("size_bytes", s.bytes())
                    .put("elapsed_seconds", seconds).put("bytes_per_second", s.bytes() / Math.max(seconds, 1e-9));
            var f = n.putArray("failures");
            s.failures().forEach((rel, why) -> f.addObject().put("relative_path", rel).put("reason", why));
            s.problems().forEach(p -> f.addObject().put("relative_path", p).put("reason", "scan"));
            System.out.println(n.toPrettyString());
            return;
        }
        s.failures().forEach((rel, why) -> System.err.println("failed " + rel + ": " + why));
        s.problems().forEach(p -> System.err.println("not copied " + p));
        System.out.printf("ingest: %d copied, %d identical (skipped), %d new versions, %d failed; %s in %.1f s (%s/s)%n",
                s.copied(), s.identical(), s.versioned(), s.failures().size() + s.problems().size(), Bytes.human(s.bytes()),
                seconds, Bytes.human((long) (s.bytes() / Math.max(seconds, 1e-9))));
    }

    /** Terminal progress (bytes, files, rate, ETA); silent when not on a terminal. */
    private static final class Bar implements TreeCopier.Progress, AutoCloseable {
        private final boolean show;
        private final AtomicLong files = new AtomicLong();
        private long totalFiles;
        private ProgressBar bar;

        Bar(boolean show) {
            this.show = show;
        }

        @Override
        public void planned(long fileCount, long bytes) {
            totalFiles = fileCount;
            if (show) {
                bar = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(bytes).setUnit(" MiB", 1 << 20)
                        .setStyle(ProgressBarStyle.ASCII).showSpeed().build();
            }
        }

        @Override
        public synchronized void done(long fileCount, long bytes) {
            long n = files.addAndGet(fileCount);
            if (bar != null) {
                bar.stepBy(bytes);
                bar.setExtraMessage(n + "/" + totalFiles + " files");
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
