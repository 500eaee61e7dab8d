package org.scopeflow.ingest.agent;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.scopeflow.ingest.CatalogRejectedException;
import org.scopeflow.ingest.CatalogUnavailableException;
import org.scopeflow.ingest.LandedFile;
import org.scopeflow.ingest.journal.FileState;
import org.scopeflow.ingest.journal.JournalEntry;
import org.scopeflow.ingest.transfer.FileTransferer;
import org.scopeflow.ingest.transfer.MultiHasher;
import org.scopeflow.ingest.transfer.TransferException;
import org.scopeflow.ingest.transfer.TransferOutcome;
import org.scopeflow.ingest.transfer.TransferRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of complete files (or of verified files awaiting the catalog) through transfer, journal,
 * catalog and clean-up. Runs on a worker thread; reports per-file results for the coordinator.
 */
final class BatchWorker {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

    /** A file's result: {@code failure} null on success; {@code backToPending} when it must be watched again. */
    record FileResult(String rel, String failure, boolean retryable, boolean backToPending) {}

    private final WatchContext ctx;
    private final FileTransferer transferer;
    private final SessionResolver sessions;
    private final SourceCleaner cleaner;

    BatchWorker(WatchContext ctx, SessionResolver sessions) {
        this.ctx = ctx;
        this.transferer = new FileTransferer(ctx.settings().checksums(), ctx.settings().verify());
        this.sessions = sessions;
        this.cleaner = new SourceCleaner(ctx.settings().afterTransfer(), ctx.settings().source());
    }

    /** Copies and verifies the files, then catalogues and cleans them. */
    List<FileResult> transfer(List<JournalEntry> entries) {
        List<TransferRequest> requests = new ArrayList<>();
        List<CompletableFuture<Void>> copying = new ArrayList<>();
        for (JournalEntry e : entries) {
            requests.add(request(e));
            copying.add(ctx.journal().put(e.withState(FileState.COPYING, now())));
        }
        // A temp name may only exist once the journal says COPYING (so a restart can remove it).
        CompletableFuture.allOf(copying.toArray(CompletableFuture[]::new)).join();
        List<TransferOutcome> outcomes = transferer.transfer(requests);
        List<FileResult> results = new ArrayList<>();
        List<JournalEntry> verified = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            TransferOutcome o = outcomes.get(i);
            JournalEntry e = ctx.journal().get(ctx.settings().name(), entries.get(i).relativePath()).orElse(entries.get(i));
            if (o.status() == TransferOutcome.Status.FAILED) {
                results.add(failed(e, o.failure()));
            } else {
                verified.add(landed(e, o));
            }
        }
        results.addAll(catalogue(verified));
        return results;
    }

    /**
     * Records verified files in the catalog, then applies after_transfer to the recorded ones. A file the
     * catalog refused stays verified with the catalog's reason and is retried; its source is kept.
     */
    List<FileResult> catalogue(List<JournalEntry> verified) {
        List<FileResult> results = new ArrayList<>();
        if (verified.isEmpty()) {
            return results;
        }
        Map<String, String> refused;
        try {
            refused = record(verified);
        } catch (CatalogUnavailableException | RuntimeException ex) {
            String why = "CATALOG_UNAVAILABLE: " + ex.getMessage();
            LOG.warn("catalog {} files of watch {}: {}; retrying with backoff", verified.size(), ctx.settings().name(), why);
            for (JournalEntry e : verified) {
                ctx.journal().put(e.withFailure(why, now()));
                results.add(new FileResult(e.relativePath(), why, true, false));
            }
            return results;
        }
        List<JournalEntry> recorded = new ArrayList<>();
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        for (JournalEntry e : verified) {
            String reason = refused.get(LandedFile.catalogKey(e.session(), e.relativePath(), e.version()));
            if (reason == null) {
                recorded.add(e);
                durable.add(ctx.journal().put(e.withState(FileState.CATALOGUED, now())));
            } else {
                String why = "CATALOG_REJECTED: " + reason;
                LOG.warn("catalog {} of watch {}: {}; retrying with backoff", e.relativePath(), ctx.settings().name(), why);
                ctx.journal().put(e.withFailure(why, now()));
                results.add(new FileResult(e.relativePath(), why, true, false));
            }
        }
        if (cleaner.active()) {
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
            recorded.forEach(e -> results.add(clean(e)));
        } else {
            recorded.forEach(e -> results.add(new FileResult(e.relativePath(), null, false, false)));
        }
        return results;
    }

    /** @return catalog key → reason of each file the catalog refused; empty when it recorded all */
    private Map<String, String> record(List<JournalEntry> verified) throws CatalogUnavailableException {
        List<LandedFile> files = new ArrayList<>();
        Set<String> sessionNames = new LinkedHashSet<>();
        for (JournalEntry e : verified) {
            sessionNames.add(e.session());
            files.add(toLanded(e));
        }
        for (String s : sessionNames) {
            ctx.catalog().ensureSession(ctx.settings().name(), s);
        }
        try {
            ctx.catalog().record(files);
            return Map.of();
        } catch (CatalogRejectedException refused) {
            return refused.reasons();
        }
    }

    /** Applies after_transfer to a catalogued file. */
    FileResult clean(JournalEntry e) {
        try {
            if (cleaner.clean(e.relativePath(), e.sizeBytes(), e.mtimeMillis())) {
                ctx.journal().put(ctx.journal().get(e.watch(), e.relativePath()).orElse(e).withState(FileState.CLEANED, now()));
                return new FileResult(e.relativePath(), null, false, false);
            }
            LOG.info("clean-up {}: source changed since transfer, kept; it will be ingested as a new version", e.relativePath());
            return new FileResult(e.relativePath(), null, false, true);
        } catch (java.io.IOException ex) {
            String why = "CLEANUP_FAILED: " + ctx.settings().source().resolve(e.relativePath()) + ": " + ex;
            LOG.warn("clean-up {}: {}; retrying", e.relativePath(), why);
            ctx.journal().put(e.withFailure(why, now()));
            return new FileResult(e.relativePath(), why, true, false);
        }
    }

    private JournalEntry landed(JournalEntry e, TransferOutcome o) {
        String session = sessions.session(e.relativePath());
        JournalEntry v = e.withSource(o.sizeBytes(), o.mtimeMillis())
                .withLanding(o.version(), o.destination().toString(), MultiHasher.format(o.checksums()), session)
                .withState(FileState.VERIFIED, now());
        ctx.journal().put(v);
        if (o.status() == TransferOutcome.Status.IDENTICAL) {
            LOG.info("transfer {}: identical file already at {}, recorded without copying", e.relativePath(), o.destination());
        } else if (o.version() > 1) {
            LOG.warn("transfer {}: different content already at the destination; stored as version {} at {}",
                    e.relativePath(), o.version(), o.destination());
        }
        return v;
    }

    private FileResult failed(JournalEntry e, TransferException ex) {
        boolean changed = ex.reason() == TransferException.Reason.SOURCE_CHANGED;
        FileState back = changed ? FileState.SEEN : FileState.COMPLETE;
        if (ex.reason() == TransferException.Reason.SOURCE_VANISHED) {
            back = FileState.SEEN;
        }
        ctx.journal().put(e.withState(back, now()).withFailure(ex.summary(), now()));
        if (!changed) {
            LOG.warn("transfer {} → {}: {}", ctx.settings().source().resolve(e.relativePath()), request(e).destination(), ex.summary());
        }
        return new FileResult(e.relativePath(), ex.summary(), ex.retryable() && !changed, changed);
    }

    private LandedFile toLanded(JournalEntry e) {
        Path dest = Path.of(e.destination());
        return new LandedFile(e.watch(), e.session(), e.relativePath(), e.version(), e.sizeBytes(),
                MultiHasher.parse(e.checksums()), Instant.ofEpochMilli(e.mtimeMillis()), Instant.ofEpochMilli(e.updatedMillis()),
                ctx.settings().destination().storageRoot(), dest, ctx.metadata().read(dest));
    }

    TransferRequest request(JournalEntry e) {
        LocalDate day = Instant.ofEpochMilli(e.firstSeenMillis()).atZone(ZoneOffset.UTC).toLocalDate();
        Path dest = ctx.settings().destination().render(e.relativePath(), day, sessions.groups(e.relativePath()));
        return new TransferRequest(ctx.settings().source().resolve(e.relativePath()), dest, ctx.settings().destination().storageRoot());
    }

    private long now() {
        return ctx.clock().millis();
    }
}
