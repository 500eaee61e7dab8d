package org.scopeflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.Page;
import org.scopeflow.model.Session;

/**
 * Files at scale and under contention, metadata with units, long Unicode paths: the second half of
 * the catalog contract. Concrete suites extend this class and so run {@link CatalogContract} too.
 */
abstract class CatalogFilesContract extends CatalogContract {

    @Test
    void pagesAreCompleteStableAndWithoutDuplicates() {
        Session a = newSession("a");
        Session b = newSession("b");
        List<NewFile> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(file(i % 2 == 0 ? a.id() : b.id(), "frames/f" + i + ".tiff"));
        }
        catalog.files().registerAll(batch);

        List<Long> seen = new ArrayList<>();
        Page<FileRecord> page = catalog.files().listBySession(a.id(), 0, 100);
        int pages = 1;
        seen.addAll(ids(page));
        catalog.files().register(file(a.id(), "late.tiff")); // appended while paging: must come last
        while (page.hasNext()) {
            page = catalog.files().listBySession(a.id(), page.nextCursor(), 100);
            seen.addAll(ids(page));
            pages++;
        }

        assertThat(seen).hasSize(501).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isEqualTo(6);
        assertThat(new LinkedHashSet<>(seen)).isEqualTo(new LinkedHashSet<>(allIds(a)));
        assertThat(catalog.files().find(seen.get(500)).orElseThrow().relativePath()).isEqualTo("late.tiff");
        assertThat(catalog.files().listBySession(a.id(), seen.get(99), 100).items().get(0).id())
                .as("a cursor gives the same page again").isEqualTo(seen.get(100));
    }

    @Test
    void aFullLastPageSaysThereIsNoNextPage() {
        Session a = newSession("a");
        List<NewFile> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(file(a.id(), "f" + i));
        }
        catalog.files().registerAll(batch);
        Page<FileRecord> second = catalog.files().listBySession(a.id(),
                catalog.files().listBySession(a.id(), 0, 100).nextCursor(), 100);

        assertThat(second.items()).hasSize(100);
        assertThat(second.hasNext()).isFalse();
        assertThatThrownBy(() -> catalog.files().listBySession(a.id(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page limit 0");
    }

    @Test
    void metadataKeepsValuesWithTheirUnitsAndReplacesThem() {
        Session session = newSession("s1");
        FileRecord movie = catalog.files().register(file(session.id(), "movie.tiff"));
        catalog.metadata().putAll(List.of(
                MetadataValue.numeric(MetadataOwner.FILE, movie.id(), "defocus_u", 15234.5, "Å"),
                MetadataValue.numeric(MetadataOwner.FILE, movie.id(), "total_drift", 12.25, "Å"),
                MetadataValue.text(MetadataOwner.FILE, movie.id(), "grid_square", "GridSquare_77"),
                MetadataValue.numeric(MetadataOwner.SESSION, session.id(), "dose_per_frame", 1.1, "e/Å²")));

        catalog.metadata().put(MetadataValue.numeric(MetadataOwner.FILE, movie.id(), "defocus_u", 1.52345, "µm"));

        assertThat(catalog.metadata().get(MetadataOwner.FILE, movie.id(), "defocus_u"))
                .contains(MetadataValue.numeric(MetadataOwner.FILE, movie.id(), "defocus_u", 1.52345, "µm"));
        assertThat(catalog.metadata().list(MetadataOwner.FILE, movie.id()))
                .extracting(MetadataValue::key).containsExactly("defocus_u", "grid_square", "total_drift");
        assertThat(catalog.metadata().get(MetadataOwner.SESSION, session.id(), "dose_per_frame").orElseThrow().unit())
                .isEqualTo("e/Å²");
        assertThat(catalog.metadata().get(MetadataOwner.DATASET, movie.id(), "defocus_u")).isEmpty();
    }

    @Test
    void unicodePathsOf4096CharactersRoundTrip() {
        Session session = newSession("s1");
        String path = longUnicodePath(4096, new Random(42));
        FileRecord stored = catalog.files().register(file(session.id(), path));

        assertThat(path).hasSize(4096);
        assertThat(catalog.files().find(stored.id()).orElseThrow().relativePath()).isEqualTo(path);
        assertThat(catalog.files().findByPath(session.id(), path)).contains(stored);
        assertThat(catalog.files().register(file(session.id(), path)).id()).isEqualTo(stored.id());
        String tooLong = path + "x";
        assertThatThrownBy(() -> file(session.id(), tooLong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4097 characters; at most 4096");
    }

    @Test
    void twoConcurrentWritersOfTheSamePathEndWithExactlyOneRow() throws Exception {
        Session session = newSession("s1");
        int paths = 200;
        try (Catalog second = Catalog.open(database.settings(), clock)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                Future<List<Long>> one = pool.submit(() -> registerAfter(start, catalog, session.id(), paths));
                Future<List<Long>> two = pool.submit(() -> registerAfter(start, second, session.id(), paths));
                start.countDown();
                List<Long> idsOne = one.get(2, TimeUnit.MINUTES);
                List<Long> idsTwo = two.get(2, TimeUnit.MINUTES);

                assertThat(idsOne).as("both writers got the same row for each path").isEqualTo(idsTwo);
                assertThat(catalog.files().countBySession(session.id())).isEqualTo(paths);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<Long> registerAfter(CountDownLatch start, Catalog writer, long sessionId, int paths)
            throws InterruptedException {
        start.await();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < paths; i++) {
            ids.add(writer.files().register(file(sessionId, "race/Data/FoilHole_" + i + "_fractions.tiff")).id());
        }
        return ids;
    }

    /** Segments of accented Latin, Greek, CJK and symbols separated by '/', exactly {@code length} chars. */
    static String longUnicodePath(int length, Random random) {
        String alphabet = "aéøÅµλΩ漢字データ_-.ß€";
        StringBuilder path = new StringBuilder(length);
        while (path.length() < length) {
            boolean slash = path.length() > 0 && path.length() < length - 1 && random.nextInt(40) == 0
                    && path.charAt(path.length() - 1) != '/';
            path.append(slash ? '/' : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return path.toString();
    }

    private static List<Long> ids(Page<FileRecord> page) {
        return page.items().stream().map(FileRecord::id).toList();
    }

    private List<Long> allIds(Session session) {
        return catalog.jdbi().withHandle(h -> h.createQuery("SELECT id FROM files WHERE session_id = :s ORDER BY id")
                .bind("s", session.id()).mapTo(Long.class).list());
    }

}
