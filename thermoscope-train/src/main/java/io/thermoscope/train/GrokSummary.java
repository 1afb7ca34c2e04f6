package io.thermoscope.train;

import java.util.List;

/**
 * What one run found. Steps are optimiser steps; a lead is onset − peak (positive: the C_v peak came first).
 *
 * @param p                modulus
 * @param seed             seed
 * @param preset           preset label
 * @param groksAtStep      onset of generalisation: first evaluation with val accuracy ≥ 0.5 (null: never)
 * @param steepestRiseStep evaluation that ends the steepest rise of val accuracy per step (null: fewer than 2 evals)
 * @param reached99Step    first evaluation with val accuracy ≥ 0.99 (null: never)
 * @param cvPeakStep       step of the most prominent peak of the smoothed head-averaged C_v (null: no peak)
 * @param cvPeak           height of that peak on the smoothed curve (null: no peak)
 * @param cvPeakProminence its prominence (null: no peak)
 * @param cvMax            maximum of the raw head-averaged C_v over the run (the C_v^max of Fig. 4)
 * @param leadSteps        groksAtStep − cvPeakStep (null when either is missing)
 * @param cvProxyPeakStep  step of the most prominent peak of the smoothed cvProxy (null: none)
 * @param cvProxyLeadSteps groksAtStep − cvProxyPeakStep (null when either is missing)
 * @param finalTrainAcc    train accuracy at the last evaluation
 * @param finalValAcc      validation accuracy at the last evaluation
 * @param steps            steps trained
 * @param evaluations      evaluations recorded
 * @param heads            per-head peaks and leads
 * @param wallSeconds      wall time of the last training session (excludes time before a resume)
 * @param evalSeconds      time spent evaluating (losses, accuracies and monitor) during that session
 * @param monitorSeconds   time spent in the thermodynamic monitor alone (probe forward, ensembles, T_eff)
 * @param monitorFraction  monitorSeconds / wallSeconds
 */
public record GrokSummary(int p, long seed, String preset, Integer groksAtStep, Integer steepestRiseStep,
                          Integer reached99Step, Integer cvPeakStep, Double cvPeak, Double cvPeakProminence,
                          double cvMax, Integer leadSteps, Integer cvProxyPeakStep, Integer cvProxyLeadSteps,
                          double finalTrainAcc, double finalValAcc, int steps, int evaluations,
                          List<HeadPeak> heads, double wallSeconds, double evalSeconds, double monitorSeconds,
                          double monitorFraction) {

    /**
     * One head's C_v peak and lead.
     *
     * @param layer            layer index
     * @param head             head index
     * @param cvPeakStep       step of the most prominent smoothed C_v peak (null: none)
     * @param cvPeak           its smoothed height (null: none)
     * @param cvMax            maximum of the raw C_v of this head
     * @param leadSteps        onset − peak (null when either is missing)
     * @param cvProxyPeakStep  step of the most prominent smoothed cvProxy peak (null: none)
     * @param cvProxyLeadSteps onset − proxy peak (null when either is missing)
     */
    public record HeadPeak(int layer, int head, Integer cvPeakStep, Double cvPeak, double cvMax, Integer leadSteps,
                           Integer cvProxyPeakStep, Integer cvProxyLeadSteps) {}

    /** Whether the C_v peak came strictly before the onset of generalisation (false when either is missing). */
    public boolean peakPrecedesOnset() {
        return leadSteps != null && leadSteps > 0;
    }
}
