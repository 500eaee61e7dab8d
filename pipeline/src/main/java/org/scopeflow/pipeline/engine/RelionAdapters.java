package org.scopeflow.pipeline.engine;

import org.scopeflow.pipeline.spec.StepTool;

/** The RELION step adapters ({@code relion:motioncorr|autopick|extract|class2d}) and the installed RELION's version. */
public final class RelionAdapters {
    private RelionAdapters() {
    }

    /** Registers every RELION adapter with {@code version} as the tool version of their jobs; returns {@code adapters}. */
    public static StepAdapters register(StepAdapters adapters, String version) {
        return adapters.register(StepTool.Kind.RELION, "motioncorr", new RelionMotionCorrAdapter(version))
                .register(StepTool.Kind.RELION, "autopick", new RelionAutopickAdapter(version))
                .register(StepTool.Kind.RELION, "extract", new RelionExtractAdapter(version))
                .register(StepTool.Kind.RELION, "class2d", new RelionClass2dAdapter(version));
    }

    /**
     * The first line of {@code relion_refine --version} (e.g. {@code RELION version: 3.1.3}); every
     * RELION program of one installation reports the same. "" when RELION cannot be run, fails or
     * hangs (run like a command step's {@code version_command}, with its time limit).
     */
    public static String installedVersion() {
        ToolVersions.Reply reply = ToolVersions.ask("relion_refine --version", ToolVersions.TIMEOUT);
        return reply.problem() == null ? reply.line() : "";
    }
}
