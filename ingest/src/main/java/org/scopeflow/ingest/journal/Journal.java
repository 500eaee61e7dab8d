package org.scopeflow.ingest.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's durable per-file state: an append-only log in state_dir with group commit, and the
 * current entries in memory.
 *
 * <p>Why this design: a state change is a small append; many changes from many worker threads are
 * written together and made durable with one fsync ({@link #put} returns a future that completes after
 * that fsync), so 20,000 files cost a few hundred fsyncs, not 120,000. The log is compacted (the live
 * entries rewritten as a new generation, renamed atomically) when it grows past 4× the live size. Every
 * frame carries a CRC32C, so the torn tail of a kill -9 is detected and dropped on open; an
 * entry is only relied upon after its future completed. An embedded database (H2 MVStore) would give the
 * same guarantees with more moving parts and a file format tied to its version.
 *
 * <p>Threading: all methods are thread-safe. One writer thread performs the appends and fsyncs.
 * Only one agent may open a state_dir (a file lock, {@code agent.lock}).
 */
public final class Journal implements AutoCloseable {
    private static final long MIN_COMPACT_BYTES = 32L << 20;
    private final Path dir;
    private final Map<String, JournalEntry> entries = new ConcurrentHashMap<>();
    private final List<Pending> queue = new ArrayList<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread writer;
    private FileChannel log;
    private long generation;
    private long logBytes;
    private boolean closed;
    private IOException failure;

    private record Pending(byte[] frame, CompletableFuture<Void> done) {}

    private Journal(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve("agent.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IllegalStateException("state_dir " + dir + " is in use by another running agent; stop it or use another state_dir");
        }
        lock = l;
        generation = JournalFiles.latestGeneration(dir);
        long good = JournalFiles.replay(JournalFiles.log(dir, generation), entries);
        compact();
        writer = new Thread(this::writeLoop, "journal-writer");
        writer.setDaemon(true);
        writer.start();
        deleteOlderGenerations();
        logBytes = log.size();
        assert good >= 0;
    }

    /**
     * Opens (or creates) the journal in {@code stateDir}, replaying it and dropping a torn tail.
     *
     * @throws IllegalStateException when another agent holds the state_dir
     * @throws IOException           when state_dir cannot be created or read
     */
    public static Journal open(Path stateDir) throws IOException {
        return new Journal(stateDir);
    }

    /** Reads the current entries of a journal without locking it (for {@code agent status}). */
    public static Map<String, JournalEntry> readSnapshot(Path stateDir) throws IOException {
        Map<String, JournalEntry> out = new HashMap<>();
        JournalFiles.replay(JournalFiles.log(stateDir, JournalFiles.latestGeneration(stateDir)), out);
        return out;
    }

    /** True when an agent currently holds {@code stateDir}. */
    public static boolean inUse(Path stateDir) {
        Path lockFile = stateDir.resolve("agent.lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l != null) {
                l.release();
                return false;
            }
            return true;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Optional<JournalEntry> get(String watch, String relativePath) {
        return Optional.ofNullable(entries.get(JournalEntry.key(watch, relativePath)));
    }

    public Collection<JournalEntry> entries() {
        return entries.values();
    }

    /**
     * Records {@code e} (replacing the entry of its file). Visible to {@link #get} at once; durable when
     * the returned future completes (it completes exceptionally if the write fails).
     */
    public CompletableFuture<Void> put(JournalEntry e) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] frame = JournalCodec.encode(e);
        synchronized (queue) {
            if (closed) {
                throw new IllegalStateException("journal in " + dir + " is closed");
            }
            if (failure != null) {
                done.completeExceptionally(failure);
                return done;
            }
            entries.put(e.key(), e);
            queue.add(new Pending(frame, done));
            queue.notifyAll();
        }
        return done;
    }

    /** Waits until everything put so far is durable. */
    public void flush() {
        CompletableFuture<Void> marker;
        synchronized (queue) {
            marker = new CompletableFuture<>();
            queue.add(new Pending(new byte[0], marker));
            queue.notifyAll();
        }
        marker.join();
    }

    @Override
    public void close() {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            queue.notifyAll();
        }
        try {
            writer.join();
            log.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing journal in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        while (true) {
            List<Pending> batch;
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) {
        try {
            int total = batch.stream().mapToInt(p -> p.frame().length).sum();
            ByteBuffer buf = ByteBuffer.allocate(total);
            batch.forEach(p -> buf.put(p.frame()));
            buf.flip();
            while (buf.hasRemaining()) {
                log.write(buf);
            }
            log.force(false);
            logBytes += total;
            batch.forEach(p -> p.done().complete(null));
            if (logBytes > Math.max(MIN_COMPACT_BYTES, 4L * entries.size() * 200)) {
                compact();
                deleteOlderGenerations();
            }
        } catch (IOException e) {
            synchronized (queue) {
                failure = e;
            }
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** Rewrites the live entries as generation n+1; the rename is the commit point. */
    private void compact() throws IOException {
        long next = generation + 1;
        Path tmp = dir.resolve("journal-" + next + ".log.tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (JournalEntry e : entries.values()) {
                byte[] f = JournalCodec.encode(e);
                if (buf.remaining() < f.length) {
                    drain(out, buf);
                }
                if (f.length > buf.capacity()) {
                    out.write(ByteBuffer.wrap(f));
                } else {
                    buf.put(f);
                }
            }
            drain(out, buf);
            out.force(true);
        }
        Files.move(tmp, JournalFiles.log(dir, next), StandardCopyOption.ATOMIC_MOVE);
        JournalFiles.fsyncDirectory(dir);
        if (log != null) {
            log.close();
        }
        generation = next;
        log = FileChannel.open(JournalFiles.log(dir, next), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        logBytes = log.size();
    }

    private void deleteOlderGenerations() throws IOException {
        for (long g = generation - 1; g >= 0 && g >= generation - 3; g--) {
            Files.deleteIfExists(JournalFiles.log(dir, g));
        }
    }

    private static void drain(FileChannel out, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }
}
