package org.scopeflow.ingest.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;
import org.scopeflow.ingest.transfer.FileTransferer;
import org.scopeflow.ingest.transfer.TransferOutcome;
import org.scopeflow.ingest.transfer.TransferRequest;
import org.scopeflow.ingest.watch.PathFilter;
import org.scopeflow.ingest.watch.TreeScanner;

/**
 * One-shot verified copy of a tree ({@code scopeflow ingest SRC DEST}): the agent's transfer without
 * watching, journal or catalog. Files identical at the destination are skipped; different ones are
 * stored as new versions and reported. Symbolic links are not followed.
 */
public final class TreeCopier {
    /** Progress as it happens; called from worker threads. */
    public interface Progress {
        void planned(long files, long bytes);

        void done(long files, long bytes);
    }

    /**
     * @param copied    files written
     * @param identical files already present with the same content
     * @param versioned files stored under a new version name because different content was there
     * @param bytes     bytes of all files handled
     * @param failures  relative path → reason
     * @param problems  unreadable directories and loops found while scanning
     */
    public record Summary(long copied, long identical, long versioned, long bytes, Map<String, String> failures,
                          List<String> problems) {}

    private final Set<ChecksumAlgorithm> checksums;
    private final VerifyMode verify;
    private final int parallel;

    public TreeCopier(Set<ChecksumAlgorithm> checksums, VerifyMode verify, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, was " + parallel);
        }
        this.checksums = checksums;
        this.verify = verify;
        this.parallel = parallel;
    }

    /**
     * @throws IllegalArgumentException when SRC is not a directory or SRC and DEST overlap
     */
    public Summary copy(Path source, Path destination, Progress progress) throws IOException, InterruptedException {
        Path src = source.toAbsolutePath().normalize();
        Path dst = destination.toAbsolutePath().normalize();
        if (!Files.isDirectory(src)) {
            throw new IllegalArgumentException("SRC " + source + " is not a directory; pass the folder to copy");
        }
        if (src.startsWith(dst) || dst.startsWith(src) || src.toRealPath().startsWith(dst)) {
            throw new IllegalArgumentException("SRC " + src + " and DEST " + dst + " overlap; pick a destination outside the source");
        }
        Files.createDirectories(dst);
        List<String> problems = new ArrayList<>();
        List<TransferRequest> all = new ArrayList<>();
        long[] total = new long[1];
        TreeScanner scanner = new TreeScanner(src, new PathFilter(List.of(), List.of()), false);
        scanner.scan(new TreeScanner.Listener() {
            @Override
            public void file(String rel, long size, long mtime) {
                all.add(new TransferRequest(src.resolve(rel), dst.resolve(rel), dst));
                total[0] += size;
            }

            @Override
            public void problem(Path path, String reason) {
                problems.add(path + ": " + reason);
            }
        });
        progress.planned(all.size(), total[0]);
        return run(all, src, progress, problems);
    }

    private Summary run(List<TransferRequest> all, Path src, Progress progress, List<String> problems)
            throws InterruptedException {
        FileTransferer transferer = new FileTransferer(checksums, verify);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        AtomicLong copied = new AtomicLong(), identical = new AtomicLong(), versioned = new AtomicLong(), bytes = new AtomicLong();
        Map<String, String> failures = new TreeMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (List<TransferRequest> batch : batches(all)) {
            futures.add(pool.submit(() -> {
                for (TransferOutcome o : transferer.transfer(batch)) {
                    String rel = src.relativize(o.request().source()).toString();
                    switch (o.status()) {
                        case FAILED -> {
                            synchronized (failures) {
                                failures.put(rel, o.failure().summary());
                            }
                        }
                        case IDENTICAL -> identical.incrementAndGet();
                        case COPIED -> (o.version() > 1 ? versioned : copied).incrementAndGet();
                    }
                    bytes.addAndGet(o.sizeBytes());
                    progress.done(1, o.sizeBytes());
                }
            }));
        }
        pool.shutdown();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("bug in transfer worker", e.getCause());
            }
        }
        return new Summary(copied.get(), identical.get(), versioned.get(), bytes.get(), failures, problems);
    }

    private static List<List<TransferRequest>> batches(List<TransferRequest> all) {
        List<List<TransferRequest>> out = new ArrayList<>();
        List<TransferRequest> cur = new ArrayList<>();
        long bytes = 0;
        for (TransferRequest r : all) {
            long size = sizeOf(r.source());
            if (!cur.isEmpty() && (size >= FileTransferer.LARGE_FILE_BYTES || bytes + size > (64L << 20) || cur.size() >= 128)) {
                out.add(cur);
                cur = new ArrayList<>();
                bytes = 0;
            }
            cur.add(r);
            bytes += size;
            if (size >= FileTransferer.LARGE_FILE_BYTES) {
                out.add(cur);
                cur = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
