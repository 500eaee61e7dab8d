package org.scopeflow.pipeline.job;

import java.nio.file.Path;

/**
 * A pipeline attached to a session.
 *
 * @param id           catalog id
 * @param sessionId    the session whose files are the items
 * @param pipelineName the pipeline's name
 * @param specYaml     the pipeline YAML as it was when the run was created
 * @param inputRoot    directory the session's relative file paths resolve against
 * @param workRoot     directory job output directories are created under
 * @param closed       true when no new items will come (final steps may run)
 */
public record PipelineRun(long id, long sessionId, String pipelineName, String specYaml, Path inputRoot,
        Path workRoot, boolean closed) {
}
