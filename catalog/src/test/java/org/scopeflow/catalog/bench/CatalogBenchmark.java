package org.scopeflow.catalog.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Page;
import org.scopeflow.model.FileRecord;

/**
 * Measures, on one database, batch registration throughput (files/s) and the latency of fetching
 * one keyset page of 100 files at random positions of a session holding all those files. Run by
 * {@code bench/catalog.sh}, which runs it for H2 and PostgreSQL and prints both side by side.
 *
 * <p>Arguments: {@code NAME JDBC_URL FILES BATCH PAGES}. Prints one result line:
 * {@code NAME files batch register_seconds files_per_second page_p50_ms page_p99_ms page_max_ms
 * jvm_cpu_seconds}; the last is the CPU time this JVM spent registering (all of it for H2, the
 * client side only for PostgreSQL), to read the wall-clock figures on a shared, loaded machine.
 */
public final class CatalogBenchmark {
    private static final int PAGE_ROWS = 100;
    private static final int WARMUP_PAGES = 200;

    private CatalogBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: CatalogBenchmark NAME JDBC_URL FILES BATCH PAGES");
            System.exit(2);
        }
        String name = args[0];
        int files = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int pages = Integer.parseInt(args[4]);
        try (Catalog catalog = Catalog.open(new CatalogSettings(args[1], "", "", 4), Clock.systemUTC())) {
            long sessionId = newSession(catalog);
            long cpuBefore = processCpuNanos();
            double seconds = register(catalog, sessionId, files, batch);
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            analyze(catalog);
            double[] pageMillis = fetchPages(catalog, sessionId, pages);
            System.out.printf("%-10s %9d %6d %10.1f %12.0f %12.2f %12.2f %12.2f %10.1f%n", name, files, batch, seconds,
                    files / seconds, percentile(pageMillis, 50), percentile(pageMillis, 99),
                    pageMillis[pageMillis.length - 1], cpuSeconds);
        }
    }

    private static long newSession(Catalog catalog) {
        long instrument = catalog.instruments()
                .create(new NewInstrument("krios-bench", InstrumentKind.CRYO_EM, "Falcon 4i", 0.83, 300.0)).id();
        return catalog.sessions().create(new NewSession("bench-" + System.nanoTime(), null, instrument, "bench",
                Instant.now())).id();
    }

    /** Registers {@code files} files in batches; returns the wall-clock seconds it took. */
    private static double register(Catalog catalog, long sessionId, int files, int batch) {
        Random random = new Random(1);
        HexFormat hex = HexFormat.of();
        byte[] digest = new byte[16];
        long start = System.nanoTime();
        for (int done = 0; done < files; done += batch) {
            List<NewFile> chunk = new ArrayList<>(batch);
            for (int i = done; i < Math.min(files, done + batch); i++) {
                random.nextBytes(digest);
                chunk.add(new NewFile(sessionId, null, "Images-Disc1/GridSquare_" + (i / 500) + "/Data/FoilHole_" + i
                        + "_Data_" + (i % 97) + "_fractions.tiff", 400_000_000L + random.nextInt(1 << 20),
                        new Checksum("xxh3-128", hex.formatHex(digest)), Instant.ofEpochSecond(1_772_000_000L + i)));
            }
            catalog.files().registerAll(chunk);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** What autovacuum would do soon after a bulk load; H2 keeps its statistics itself. */
    private static void analyze(Catalog catalog) throws Exception {
        if (!catalog.settings().isH2()) {
            try (Connection c = catalog.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE files");
            }
        }
    }

    /** Fetches pages at random cursors; returns their latencies in ms, sorted. */
    private static double[] fetchPages(Catalog catalog, long sessionId, int pages) {
        long[] range = catalog.jdbi().withHandle(h -> h.createQuery(
                        "SELECT MIN(id), MAX(id) FROM files WHERE session_id = :s").bind("s", sessionId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one());
        Random random = new Random(2);
        double[] millis = new double[pages];
        for (int i = -WARMUP_PAGES; i < pages; i++) {
            long cursor = range[0] - 1 + (long) (random.nextDouble() * (range[1] - range[0]));
            long start = System.nanoTime();
            Page<FileRecord> page = catalog.files().listBySession(sessionId, cursor, PAGE_ROWS);
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (page.items().isEmpty()) {
                throw new IllegalStateException("page after id " + cursor + " is empty; the benchmark data is wrong");
            }
            if (i >= 0) {
                millis[i] = elapsed;
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

}
