package org.scopeflow.pipeline.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.model.config.ConfigProblem;

/**
 * Reads pipeline YAML and validates it completely: every problem in the document is reported at
 * once, each with its path ({@code steps[2].needs: unknown step 'ctff'; known: motion, ctf, pick}).
 * Stateless and thread-safe.
 */
public final class PipelineParser {
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "steps");
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * Reads and validates a pipeline file.
     *
     * @throws ConfigException with every problem, the source being the file path
     */
    public PipelineSpec parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "file not found; check the path")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pipeline file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Validates pipeline YAML.
     *
     * @param source names the document in the exception, e.g. a file path
     * @throws ConfigException with every problem
     */
    public PipelineSpec parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
            throw new ConfigException(source, List.of(new ConfigProblem("", where + "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Problems problems = new Problems();
        PipelineSpec spec = read(root, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.list());
        }
        return spec;
    }

    /** Problems of a document without throwing; empty when it is valid. */
    public List<ConfigProblem> problems(String yaml, String source) {
        try {
            parse(yaml, source);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    private PipelineSpec read(JsonNode root, Problems problems) {
        if (root == null || !root.isObject()) {
            problems.add("", "expected a mapping with name and steps, found "
                    + (root == null || root.isMissingNode() ? "an empty document" : Problems.kind(root)));
            return null;
        }
        problems.unknownKeys("", root, TOP_KEYS);
        String name = problems.text("name", root.get("name"));
        if (name == null) {
            problems.add("name", "missing; give the pipeline a name");
        } else if (!StepParser.ID.matcher(name).matches()) {
            problems.add("name", "'" + name + "' is not a valid name; use lower-case letters, digits, '-' and '_'");
        }
        String description = problems.text("description", root.get("description"));
        JsonNode stepsNode = root.get("steps");
        List<StepSpec> steps = new ArrayList<>();
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            problems.add("steps", "expected a non-empty list of steps");
        } else {
            StepParser parser = new StepParser(problems);
            for (int i = 0; i < stepsNode.size(); i++) {
                steps.add(parser.parse("steps[" + i + "]", stepsNode.get(i)));
            }
            new PipelineGraphCheck(problems).check(steps);
        }
        return new PipelineSpec(name == null ? "" : name, description,
                steps.stream().filter(s -> s != null).toList());
    }
}
