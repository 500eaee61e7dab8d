package org.scopeflow.pipeline.spec;

/**
 * One source of input files of a step: session files matching a glob ({@code Images-Disc1/**.tiff})
 * or the outputs of another step, written {@code motion.output}.
 *
 * @param kind    which of the two
 * @param pattern glob over paths relative to the session root, for {@link Kind#FILES}; else empty
 * @param step    id of the producing step, for {@link Kind#STEP_OUTPUT}; else empty
 */
public record StepInput(Kind kind, String pattern, String step) {
    public enum Kind { FILES, STEP_OUTPUT }

    public static StepInput files(String pattern) {
        return new StepInput(Kind.FILES, pattern, "");
    }

    public static StepInput outputOf(String step) {
        return new StepInput(Kind.STEP_OUTPUT, "", step);
    }

    @Override
    public String toString() {
        return kind == Kind.FILES ? pattern : step + ".output";
    }
}
