package io.thermoscope.models;

import io.thermoscope.attention.HeadPhases;
import io.thermoscope.attention.HeadThermodynamics;

/**
 * One attention head of the atlas: its Boltzmann thermodynamics averaged over every query of every document, and
 * its distance-decay law with cluster-bootstrap intervals over the documents.
 *
 * @param layer          layer index from 0
 * @param head           head index from 0
 * @param thermodynamics ln Z, F, U, S, C_v (Eq. 28) and N_eff, query-averaged
 * @param decay          γ (λ = 0 and λ fitted), λ, R², captured-mass growth and the two phase readings
 */
public record HeadStats(int layer, int head, HeadThermodynamics.Summary thermodynamics, HeadPhases.Head decay) {

    /** Mean specific heat C_v = Var(E)/T² (Eq. 28). */
    public double Cv() {
        return thermodynamics.Cv();
    }

    /** Mean entropy S (Eq. 24). */
    public double S() {
        return thermodynamics.S();
    }

    /** Mean participation ratio 1/Σp². */
    public double nEff() {
        return thermodynamics.nEff();
    }

    /** γ of the λ = 0 decay law (NaN when not fitted). */
    public double gamma() {
        return decay.gamma().value();
    }
}
