package org.scopeflow.imaging.qc;

/**
 * One picked particle.
 *
 * @param xPixel centre x in micrograph pixels (0 = centre of the first pixel)
 * @param yPixel centre y in micrograph pixels
 * @param diameterAngstrom diameter of the best-matching blob scale (Å)
 * @param score blob response in robust standard deviations above the median
 */
public record Pick(double xPixel, double yPixel, double diameterAngstrom, double score) {}
