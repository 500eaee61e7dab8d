import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The floor of a verified small-file copy on this machine, for bench/ingest.sh (b): the least work any
 * copy that is verified from storage must do, with none of the agent's own work. Each file of SRC is
 * read and written to the same relative path under DEST by THREADS threads (no hashing, no temporary
 * name, no rename, no mtime, no journal, no catalog), then the whole filesystem is flushed once
 * ({@code sync -f}, as rsync + sync does), then every written file is read back with O_DIRECT (from
 * the device, as the agent's `verify: reread` does). Prints, one line each, the wall seconds of the two
 * phases ("copy+sync S", "reread S"; JVM start excluded, so the floor errs on the generous side) and the
 * CPU seconds the whole machine was busy in each ("busy-copy+sync S", "busy-reread S": user, nice,
 * system, irq and softirq time of all cores from /proc/stat, so that the kernel's flusher threads count
 * too) and the cores ("cores N"): a verified copy that overlapped its phases perfectly would still need
 * (busy-copy+sync + busy-reread) / cores seconds. Files of up to 1 MiB.
 *
 * <p>Usage: {@code java -cp DIR SmallFileFloor SRC DEST [THREADS]} (compile with javac first).
 */
public final class SmallFileFloor {
    private static final int MAX_BYTES = 1 << 20;
    private static final int ALIGN = 4096;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SmallFileFloor SRC DEST [THREADS]");
            System.exit(2);
        }
        Path src = Path.of(args[0]);
        Path dest = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(
                () -> ByteBuffer.allocateDirect(MAX_BYTES + 2 * ALIGN).alignedSlice(ALIGN));
        long b0 = busyTicks();
        long t0 = System.nanoTime();
        List<Future<Path>> copies = new ArrayList<>();
        for (Path f : files) {
            copies.add(pool.submit(() -> copy(f, dest.resolve(src.relativize(f).toString()), buffers.get())));
        }
        List<Path> written = new ArrayList<>();
        for (Future<Path> c : copies) {
            written.add(c.get());
        }
        int sync = new ProcessBuilder("sync", "-f", dest.toString()).inheritIO().start().waitFor();
        if (sync != 0) {
            throw new IOException("sync -f " + dest + " exited with " + sync);
        }
        long t1 = System.nanoTime();
        long b1 = busyTicks();
        List<Future<Long>> reads = new ArrayList<>();
        for (Path w : written) {
            reads.add(pool.submit(() -> readDirect(w, buffers.get())));
        }
        long bytes = 0;
        for (Future<Long> r : reads) {
            bytes += r.get();
        }
        long t2 = System.nanoTime();
        long b2 = busyTicks();
        pool.shutdown();
        System.out.printf("copy+sync %.3f%nreread %.3f%nbusy-copy+sync %.2f%nbusy-reread %.2f%ncores %d%nfiles %d%nbytes %d%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (b1 - b0) / TICKS_PER_SECOND, (b2 - b1) / TICKS_PER_SECOND,
                Runtime.getRuntime().availableProcessors(), files.size(), bytes);
    }

    /** USER_HZ of /proc/stat: 100 on Linux for every architecture this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** Busy ticks of all cores (user, nice, system, irq, softirq; not idle, iowait or steal) from /proc/stat. */
    private static long busyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IOException("/proc/stat does not start with the cpu line: " + String.join(" ", f));
        }
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
    }

    private static Path copy(Path from, Path to, ByteBuffer b) throws IOException {
        Files.createDirectories(to.getParent());
        b.clear().limit(MAX_BYTES);
        try (FileChannel in = FileChannel.open(from)) {
            if (in.size() > MAX_BYTES) {
                throw new IOException(from + " is " + in.size() + " bytes; the floor is for files of up to " + MAX_BYTES);
            }
            while (b.hasRemaining() && in.read(b) >= 0) {
                // until end of file
            }
        }
        b.flip();
        try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
        return to;
    }

    private static long readDirect(Path file, ByteBuffer b) throws IOException {
        b.clear().limit(MAX_BYTES);
        long n = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
            int r;
            while ((r = in.read(b)) > 0) {
                n += r;
                if (!b.hasRemaining()) {
                    b.clear().limit(MAX_BYTES);
                }
            }
        }
        return n;
    }
}
