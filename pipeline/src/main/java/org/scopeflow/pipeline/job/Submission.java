package org.scopeflow.pipeline.job;

/**
 * What the engine recorded when it handed a job to an executor: the provenance known up front.
 *
 * @param externalId     executor's id for the attempt (Slurm job id, local process handle id)
 * @param outputDir      absolute output directory
 * @param commandLine    the rendered command line, exactly as run
 * @param toolName       tool name, e.g. {@code relion_autopick} or the command's first word
 * @param toolVersion    tool version as reported by the tool, or empty when unknown
 * @param parametersJson the step's parameters as a JSON object
 */
public record Submission(String externalId, String outputDir, String commandLine, String toolName,
        String toolVersion, String parametersJson) {
}
