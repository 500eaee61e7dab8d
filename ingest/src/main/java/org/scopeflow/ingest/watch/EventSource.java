package org.scopeflow.ingest.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filesystem events for a source tree (directory-watcher: recursive, registers new subdirectories).
 * Events are only hints: each becomes "look at this path" for the coordinator, and OVERFLOW becomes
 * "rescan this directory". Periodic reconcile scans catch anything events miss.
 */
public final class EventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSource.class);

    /** A path to look at; {@code rescan} true means "walk this directory" (overflow or new directory). */
    public record Hint(Path path, boolean rescan) {}

    private final ConcurrentLinkedQueue<Hint> hints = new ConcurrentLinkedQueue<>();
    private final DirectoryWatcher watcher;
    private final ExecutorService thread;

    public EventSource(Path source, String name) throws IOException {
        watcher = DirectoryWatcher.builder().path(source).fileHashing(false).listener(this::onEvent).build();
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "watch-events-" + name);
            t.setDaemon(true);
            return t;
        });
        watcher.watchAsync(thread).exceptionally(e -> {
            LOG.warn("watch {}: filesystem events stopped ({}); reconcile scans continue", source, e.toString());
            hints.add(new Hint(source, true));
            return null;
        });
    }

    /** Takes the next hint, or null. */
    public Hint poll() {
        return hints.poll();
    }

    private void onEvent(DirectoryChangeEvent e) {
        switch (e.eventType()) {
            case OVERFLOW -> {
                Path dir = e.path() != null ? e.path() : e.rootPath();
                LOG.info("watch {}: event overflow, rescanning {}", e.rootPath(), dir);
                hints.add(new Hint(dir, true));
            }
            case CREATE, MODIFY -> hints.add(new Hint(e.path(), e.isDirectory()));
            default -> { }
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing watcher: {}", e.toString());
        }
        thread.shutdownNow();
    }
}
