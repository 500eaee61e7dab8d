package org.scopeflow.pipeline.engine;

/**
 * What an adapter made of a step for one attempt.
 *
 * @param commandLine the command line, run by {@code bash -c} in the output directory
 * @param toolName    the program's name, e.g. {@code relion_autopick}
 * @param toolVersion its version as it reports it, or {@code ""} when unknown
 */
public record PreparedStep(String commandLine, String toolName, String toolVersion) {
}
