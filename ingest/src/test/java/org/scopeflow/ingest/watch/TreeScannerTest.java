package org.scopeflow.ingest.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeScannerTest {
    @TempDir
    Path tmp;

    private static final class Collect implements TreeScanner.Listener {
        final List<String> files = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void file(String rel, long size, long mtime) {
            files.add(rel);
        }

        @Override
        public void problem(Path path, String reason) {
            problems.add(path + ": " + reason);
        }
    }

    @Test
    void aDirectoryOf100000FilesIsScannedCompletely() throws Exception {
        Path big = Files.createDirectories(tmp.resolve("src/big"));
        for (int i = 0; i < 100_000; i++) {
            Files.createFile(big.resolve("f" + i + ".tiff"));
        }
        Collect c = new Collect();
        new TreeScanner(tmp.resolve("src"), new PathFilter(List.of("**/*.tiff"), List.of()), false).scan(c);
        assertThat(c.files).hasSize(100_000).doesNotHaveDuplicates();
    }

    @Test
    void filtersAndSymlinksAreNotFollowedAndLoopsAreHarmlessWhenFollowed() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/a"));
        Files.writeString(src.resolve("x.tiff"), "x");
        Files.writeString(src.resolve("x.tmp"), "x");
        Files.writeString(src.resolve(".hidden.tiff"), "x");
        Files.writeString(tmp.resolve("src/top.tiff"), "x");
        Files.createSymbolicLink(src.resolve("loop"), tmp.resolve("src"));
        Files.createSymbolicLink(src.resolve("l.tiff"), src.resolve("x.tiff"));
        PathFilter filter = new PathFilter(List.of("**/*.tiff"), List.of("**/*.tmp", "**/.*"));
        Collect notFollowed = new Collect();
        new TreeScanner(tmp.resolve("src"), filter, false).scan(notFollowed);
        assertThat(notFollowed.files).containsExactlyInAnyOrder("a/x.tiff", "top.tiff");
        Collect followed = new Collect();
        new TreeScanner(tmp.resolve("src"), filter, true).scan(followed);
        assertThat(followed.files).contains("a/x.tiff", "a/l.tiff", "top.tiff");
        assertThat(followed.problems).anySatisfy(p -> assertThat(p).contains("symbolic link loop"));
    }
}
