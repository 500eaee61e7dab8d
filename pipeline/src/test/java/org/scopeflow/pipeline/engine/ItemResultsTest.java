package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.spec.StepTool;

/**
 * What the dashboard reads from a movie's file row: the images a step drew (as paths relative to the
 * run's input root) and, when a step failed for good, a processing error naming the step and reason.
 */
class ItemResultsTest {
    @TempDir
    Path dir;

    /** A built-in step that draws a PNG per item and reports it, like {@code scopeflow qc thumbnail}. */
    private static final class DrawingAdapter implements StepAdapter {
        @Override
        public PreparedStep prepare(StepContext c) {
            String name = c.inputs().get(0).getFileName().toString();
            if (name.startsWith("bad")) {
                return new PreparedStep("echo 'cannot read " + name + "' >&2; exit 4", "draw", "1");
            }
            return new PreparedStep("printf png > " + c.outputDir().resolve("thumb.png"), "draw", "1");
        }

        @Override
        public Map<String, Metric> metrics(StepContext c) {
            return Map.of("size_pixel", new Metric(64, "px"));
        }

        @Override
        public Map<String, Path> images(StepContext c) {
            return Map.of("thumbnail_png", c.outputDir().resolve("thumb.png"), "outside_png", Path.of("/etc/hostname"));
        }
    }

    @Test
    void imagesUnderTheInputRootAndFailuresAreRecordedOnTheItem() throws Exception {
        try (EngineFixture fx = EngineFixture.h2(dir)) {
            long good = fx.addFile("good.dat", "x");
            long bad = fx.addFile("bad.dat", "y");
            StepAdapters adapters = new StepAdapters();
            adapters.register(StepTool.Kind.BUILTIN, "thumbnail", new DrawingAdapter());
            LocalExecutor local = fx.local(2);
            try {
                PipelineEngine engine = fx.engine("e1", Map.of("local", local), adapters);
                Path work = fx.input.resolve("processing");
                engine.attach(fx.sessionId, """
                        name: draw
                        steps:
                          - id: thumbnail
                            uses: builtin:thumbnail
                            inputs: "*.dat"
                        """, fx.input, work);
                assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();
            } finally {
                local.close();
            }
            List<Map<String, Object>> goodRows = fx.rows(
                    "SELECT meta_key, text_value, numeric_value FROM metadata_values WHERE owner_kind = 'file' AND owner_id = ? ORDER BY meta_key", good);
            assertThat(goodRows).extracting(r -> r.get("meta_key")).containsExactly("thumbnail.size_pixel", "thumbnail.thumbnail_png");
            String thumb = (String) goodRows.get(1).get("text_value");
            assertThat(thumb).startsWith("processing/thumbnail/").endsWith("/thumb.png");
            assertThat(fx.input.resolve(thumb)).exists();

            List<Map<String, Object>> badRows = fx.rows(
                    "SELECT meta_key, text_value FROM metadata_values WHERE owner_kind = 'file' AND owner_id = ?", bad);
            assertThat(badRows).hasSize(1);
            assertThat(badRows.get(0).get("meta_key")).isEqualTo(AttemptFinisher.PROCESSING_ERROR);
            assertThat((String) badRows.get(0).get("text_value")).startsWith("thumbnail: exit code 4");
        }
    }

    @Test
    void filesLandedInAnyStorageRootAreItemsButThePipelinesOwnOutputsAreNot(@TempDir Path other) throws Exception {
        try (EngineFixture fx = EngineFixture.h2(dir)) {
            long landed = fx.sessions.registerFile(fx.sessionId, "storage", "a.dat", 1, null, null);
            long bare = fx.sessions.registerFile(fx.sessionId, "", "b.dat", 1, null, null);
            fx.sessions.registerFile(fx.sessionId, SessionCatalog.OUTPUT_ROOT, "draw/c.dat", 1, null, null);
            assertThat(fx.sessions.filesAfter(fx.sessionId, 0, 100)).extracting(SessionFile::id).containsExactly(landed, bare);
        }
    }

    @Test
    void aLaterSuccessOfTheSameStepClearsItsProcessingError() throws Exception {
        try (EngineFixture fx = EngineFixture.h2(dir)) {
            long item = fx.addFile("m.dat", "x");
            fx.sessions.putTexts("file", item, Map.of(AttemptFinisher.PROCESSING_ERROR, "ctf: exit code 1"));
            assertThat(fx.sessions.removeTextStartingWith("file", item, AttemptFinisher.PROCESSING_ERROR, "motion: ")).isFalse();
            assertThat(fx.sessions.removeTextStartingWith("file", item, AttemptFinisher.PROCESSING_ERROR, "ctf: ")).isTrue();
            assertThat(fx.rows("SELECT * FROM metadata_values WHERE owner_id = ?", item)).isEmpty();
        }
    }
}
