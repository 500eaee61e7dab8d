package org.scopeflow.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void entriesSurviveReopenAndLastWriteWins() throws Exception {
        try (Journal j = Journal.open(dir)) {
            for (int i = 0; i < 1000; i++) {
                j.put(JournalEntry.seen("w", "f" + i + "\nnewline ü", i, i, i));
            }
            j.put(JournalEntry.seen("w", "f1\nnewline ü", 1, 1, 1).withState(FileState.CATALOGUED, 5)).join();
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.entries()).hasSize(1000);
            assertThat(j.get("w", "f1\nnewline ü").orElseThrow().state()).isEqualTo(FileState.CATALOGUED);
        }
    }

    @Test
    void tornTailFromACrashIsDropped() throws Exception {
        try (Journal j = Journal.open(dir)) {
            j.put(JournalEntry.seen("w", "a", 1, 1, 1)).join();
            j.put(JournalEntry.seen("w", "b", 1, 1, 1)).join();
        }
        Path log;
        try (var s = Files.list(dir)) {
            log = s.filter(p -> p.getFileName().toString().matches("journal-\\d+\\.log")).findFirst().orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.get("w", "a")).isPresent();
            assertThat(j.get("w", "b")).isEmpty();
            j.put(JournalEntry.seen("w", "c", 1, 1, 1)).join();
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.entries()).extracting(JournalEntry::relativePath).containsExactlyInAnyOrder("a", "c");
        }
    }

    @Test
    void secondAgentOnTheSameStateDirIsRefused() throws Exception {
        try (Journal j = Journal.open(dir)) {
            assertThat(Journal.inUse(dir)).isTrue();
            assertThatThrownBy(() -> Journal.open(dir)).hasMessageContaining("in use by another running agent");
        }
        assertThat(Journal.inUse(dir)).isFalse();
    }
}
