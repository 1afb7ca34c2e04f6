package io.thermoscope.peaks;

/**
 * One local maximum of a sampled curve y(x).
 *
 * @param index      sample index of the maximum (the middle sample, rounded down, of a flat plateau)
 * @param x          location x[index]
 * @param height     y[index]
 * @param prominence topographic prominence (the {@code scipy.signal.peak_prominences} definition)
 * @param width      full width at half prominence, in x units (linear interpolation between samples)
 */
public record Peak(int index, double x, double height, double prominence, double width) {}
