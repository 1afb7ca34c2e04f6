package io.thermoscope.dynamics;

import io.thermoscope.io.AtomicFiles;
import io.thermoscope.plot.Figure;

import java.nio.file.Path;
import java.util.Locale;

/** Writing a {@link FisherRaoDynamics.Trajectory}: the CSV other tools read back and its figures. */
public final class TrajectoryOutput {
    /** At most this many ρ_i curves are drawn (all are in the CSV). */
    public static final int MAX_CURVES = 8;

    private TrajectoryOutput() {
    }

    /** The trajectory as CSV: {@code t, rho_0 … rho_{N−1}, F, S, kinetic, energy, distance} ({@code %.17g}). */
    public static String csv(FisherRaoDynamics.Trajectory tr) {
        int n = tr.equilibrium().length;
        StringBuilder sb = new StringBuilder("t");
        for (int i = 0; i < n; i++) sb.append(",rho_").append(i);
        sb.append(",F,S,kinetic,energy,distance\n");
        for (int k = 0; k < tr.size(); k++) {
            sb.append(String.format(Locale.ROOT, "%.17g", tr.t()[k]));
            for (int i = 0; i < n; i++) sb.append(String.format(Locale.ROOT, ",%.17g", tr.rho()[k][i]));
            sb.append(String.format(Locale.ROOT, ",%.17g,%.17g,%.17g,%.17g,%.17g%n", tr.freeEnergy()[k], tr.entropy()[k],
                    tr.kinetic()[k], tr.energy()[k], tr.distance()[k]));
        }
        return sb.toString();
    }

    /** Atomically writes {@link #csv} to {@code file}. */
    public static void writeCsv(Path file, FisherRaoDynamics.Trajectory tr) {
        AtomicFiles.writeString(file, csv(tr));
    }

    /**
     * Writes {@code dir/dynamics-rho.{svg,png}} (ρ_i(t), dashed: the equilibrium p_i; the N_show largest-p
     * components when N &gt; {@value #MAX_CURVES}) and {@code dir/dynamics-energy.{svg,png}} (F(t), H(t), −T ln Z and
     * the Bhattacharyya distance on the right axis).
     */
    public static void writeFigures(Path dir, FisherRaoDynamics.Trajectory tr, String subtitle) {
        int n = tr.equilibrium().length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(tr.equilibrium()[b], tr.equilibrium()[a]));
        int shown = Math.min(n, MAX_CURVES);
        Figure rho = new Figure("Attention state ρ(t) on the Fisher–Rao sphere (Eq. 18)" + subtitle, "t", "ρ_i(t)");
        double[] t = tr.t();
        for (int s = 0; s < shown; s++) {
            int i = order[s];
            double[] y = new double[tr.size()];
            for (int k = 0; k < y.length; k++) y[k] = tr.rho()[k][i];
            rho.line("ρ_" + i, t, y);
        }
        for (int s = 0; s < shown; s++) {
            int i = order[s];
            rho.hline(tr.equilibrium()[i], s == 0 ? "softmax(−E/T)" : "");
        }
        rho.save(dir, "dynamics-rho");
        Figure e = new Figure("Free energy, total energy and distance to equilibrium" + subtitle, "t", "energy")
                .line("F[ρ] (Eq. 12)", t, tr.freeEnergy())
                .line("H = K + F", t, tr.energy())
                .hline(tr.equilibriumFreeEnergy(), "−T ln Z")
                .rightLabel("Bhattacharyya angle to softmax")
                .lineRight("distance", t, tr.distance());
        e.save(dir, "dynamics-energy");
    }
}
