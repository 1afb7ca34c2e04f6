/**
 * The decision layer of the report: every claim is measured, then decided by a {@link io.thermoscope.decision.Rule}
 * whose constants are fixed before the evidence is seen and whose sentence is rendered from those constants, then
 * presented. Generic rules: {@link io.thermoscope.decision.EquivalenceRule} (a value equals a target within a
 * margin), {@link io.thermoscope.decision.BoundRule} (a value lies above or below a threshold),
 * {@link io.thermoscope.decision.IdentityRule} (a mathematical identity checked numerically). Evidence with
 * uncertainty is an {@link io.thermoscope.decision.Estimate} over independent units; too few units or an interval
 * that straddles the boundary give an inconclusive verdict that says how many units would be needed.
 */
package io.thermoscope.decision;
