package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.pipeline.spec.PipelineParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow pipeline validate FILE…}: every problem of every file, with its path; exit 2 if any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks pipeline YAML files and reports every problem with its path "
                + "(e.g. steps[2].needs: unknown step 'ctff'; known: motion, ctf, pick). Exit 0 when all are valid, 2 otherwise.")
public final class PipelineValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Pipeline YAML files.")
    List<Path> files;

    @Option(names = "--json", description = "One JSON document: files[] with valid and problems[] {path, message}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ObjectNode doc = new ObjectMapper().createObjectNode();
        ArrayNode out = doc.putArray("files");
        boolean allValid = true;
        for (Path file : files) {
            ObjectNode f = out.addObject().put("file", file.toString());
            ArrayNode problems = f.putArray("problems");
            try {
                var pipeline = new PipelineParser().parse(file);
                f.put("valid", true).put("pipeline", pipeline.name()).put("steps", pipeline.steps().size());
                if (!json) {
                    spec.commandLine().getOut().println(file + ": valid pipeline '" + pipeline.name() + "' with "
                            + pipeline.steps().size() + " steps");
                }
            } catch (ConfigException e) {
                allValid = false;
                f.put("valid", false);
                e.problems().forEach(p -> problems.addObject().put("path", p.path()).put("message", p.message()));
                if (!json) {
                    spec.commandLine().getErr().println(e.getMessage());
                }
            }
        }
        if (json) {
            spec.commandLine().getOut().println(doc.toPrettyString());
        }
        return allValid ? ExitCodes.OK : ExitCodes.USAGE;
    }
}
