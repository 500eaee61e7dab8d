package org.scopeflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scopeflow pipeline …}: validate, run and explain processing pipelines. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Pipeline definitions (YAML), batch runs and provenance.",
        subcommands = {PipelineValidateCommand.class, PipelineSchemaCommand.class, PipelineTemplateCommand.class,
            PipelineRunCommand.class, PipelineProvenanceCommand.class, PipelineCancelCommand.class,
            PipelineRetryCommand.class, PipelineRerunCommand.class})
public final class PipelineCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
