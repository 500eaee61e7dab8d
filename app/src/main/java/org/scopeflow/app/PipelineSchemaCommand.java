package org.scopeflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scopeflow pipeline schema}: the published JSON Schema of pipeline YAML. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Prints (or writes) the JSON Schema of pipeline YAML, for editors and CI checks.")
public final class PipelineSchemaCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the schema to FILE instead of standard output.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String schema;
        try (InputStream in = PipelineSchemaCommand.class.getResourceAsStream("/pipeline.schema.json")) {
            if (in == null) {
                throw new UserFacingException("pipeline.schema.json is missing from this build; rebuild the jar", ExitCodes.FAILED);
            }
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (output == null) {
            spec.commandLine().getOut().print(schema);
        } else {
            Files.writeString(output, schema, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + output);
        }
        return ExitCodes.OK;
    }
}
