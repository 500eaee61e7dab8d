package org.scopeflow.pipeline.engine;

import java.io.IOException;
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
     * RELION program of one installation reports the same. "" when RELION cannot be run.
     */
    public static String installedVersion() {
        try {
            Process p = new ProcessBuilder("relion_refine", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("").strip();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
