package org.scopeflow.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scopeflow.pipeline.spec.PipelineTemplates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow pipeline template [NAME]}: lists or prints the shipped pipeline templates. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Without NAME lists the shipped pipeline templates; with NAME prints (or writes) it to start from.")
public final class PipelineTemplateCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Template name (see the list).")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the template to FILE instead of standard output.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (name == null) {
            PipelineTemplates.NAMES.forEach(spec.commandLine().getOut()::println);
            return ExitCodes.OK;
        }
        String yaml = PipelineTemplates.yaml(name);
        if (output == null) {
            spec.commandLine().getOut().print(yaml);
        } else {
            Files.writeString(output, yaml, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + output);
        }
        return ExitCodes.OK;
    }
}
