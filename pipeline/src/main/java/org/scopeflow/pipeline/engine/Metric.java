package org.scopeflow.pipeline.engine;

/**
 * A measured value with its unit.
 *
 * @param value the number
 * @param unit  unit symbol or name, e.g. {@code Å}, {@code angstrom}, {@code count}; may be empty
 */
public record Metric(double value, String unit) {
}
