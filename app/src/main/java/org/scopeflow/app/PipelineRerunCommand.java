package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scopeflow.pipeline.engine.StepRerun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow pipeline rerun SESSION --step ID (--items IDS | --all) [--set NAME=VALUE…]}: a new generation of one step. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = "Reruns one step of a session with new parameters: queues jobs of a new generation, which a running "
                + "engine (scopeflow server) runs, or `scopeflow pipeline run` of the same pipeline and input when it resumes the "
                + "session. A per-item (each) step is rerun for chosen items (--items) or all (--all); their metrics replace the "
                + "items' current values and the items' downstream each-steps run again after them. A batch or final step (e.g. "
                + "2D classification) is rerun whole (--all): every batch again over the same items, reading the newest results "
                + "upstream — rerun it after a rerun upstream has finished. Earlier jobs and outputs stay (outputs of generation "
                + "N in ITEM-gN directories); `scopeflow pipeline provenance` shows every generation with its parameters. Exit 0 "
                + "queued, 1 the step (or, for a batch or final step, a step it reads) still has unfinished jobs, 2 bad session, "
                + "step, items or --set.")
public final class PipelineRerunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SESSION", description = "Session id or name.")
    String session;

    @Option(names = "--step", required = true, paramLabel = "ID", description = "The step to rerun.")
    String step;

    @Option(names = "--items", split = ",", paramLabel = "FILE_ID", description = "Catalog file ids of the items to rerun, "
            + "comma-separated (see `scopeflow pipeline provenance`: job item file:ID).")
    List<String> items = new ArrayList<>();

    @Option(names = "--all", description = "Every item the step processed (items it skipped by its condition excepted); "
            + "for a batch or final step, every job it ran.")
    boolean all;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A parameter for the new generation, replacing the "
            + "pipeline's; the value is read as in YAML (150 a number, true a flag, 30:4 text). Repeat for several.")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--json", description = "One JSON document: run, generation, items, overrides, downstream steps.")
    boolean json;

    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (all == !items.isEmpty()) {
            throw new UserFacingException("give either --items FILE_ID,… or --all", ExitCodes.USAGE);
        }
        List<Long> ids = fileIds();
        Map<String, Object> overrides;
        try {
            overrides = StepRerun.parseAssignments(assignments);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.USAGE, e);
        }
        return CatalogConnections.withMigratedCatalog(catalogOptions.settings(), catalog -> {
            long id = PipelineSessions.id(catalog.jdbi(), session);
            StepRerun.Queued q;
            try {
                q = new StepRerun(catalog.jdbi(), Clock.systemUTC()).request(id, step, ids, overrides);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.USAGE, e);
            } catch (IllegalStateException e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.FAILED, e);
            }
            print(id, q, overrides);
            return ExitCodes.OK;
        });
    }

    private List<Long> fileIds() {
        List<Long> ids = new ArrayList<>();
        for (String s : items) {
            try {
                ids.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                throw new UserFacingException("--items " + s + " is not a file id; give catalog file ids such as 12,13", ExitCodes.USAGE, e);
            }
        }
        return ids;
    }

    private void print(long sessionId, StepRerun.Queued q, Map<String, Object> overrides) {
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode doc = m.createObjectNode().put("session_id", sessionId).put("run_id", q.run().id())
                    .put("pipeline", q.run().pipelineName()).put("step", step).put("generation", q.generation());
            doc.set("items", m.valueToTree(q.items()));
            doc.set("jobs", m.valueToTree(q.jobs()));
            doc.set("parameter_overrides", m.valueToTree(overrides));
            doc.set("downstream_steps", m.valueToTree(q.downstream()));
            doc.set("not_redone_steps", m.valueToTree(q.notRedone()));
            spec.commandLine().getOut().println(doc.toPrettyString());
            return;
        }
        var out = spec.commandLine().getOut();
        out.println("session " + sessionId + ", pipeline " + q.run().pipelineName() + ": step " + step + " queued again for "
                + (q.perItem() ? q.items().size() + " items" : q.jobs().size() + " jobs (" + String.join(", ", q.jobs()) + ") over "
                + q.items().size() + " items") + " as generation " + q.generation() + (overrides.isEmpty() ? "" : " with " + overrides));
        if (!q.downstream().isEmpty()) {
            out.println("  then for those items: " + String.join(", ", q.downstream()));
        }
        if (!q.notRedone().isEmpty()) {
            out.println("  not redone: " + String.join(", ", q.notRedone()) + " (batch and final steps keep their results; "
                    + "once these jobs have finished, rerun one with: scopeflow pipeline rerun " + session + " --step "
                    + q.notRedone().get(0) + " --all)");
        }
    }
}
