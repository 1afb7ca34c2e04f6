package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.dynamics.FisherRaoDynamics;
import io.thermoscope.dynamics.TrajectoryOutput;
import io.thermoscope.io.Json;
import io.thermoscope.io.NumberText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope dynamics}: the Euler–Lagrange motion of an attention state (Eq. 18). */
@Command(name = "dynamics", mixinStandardHelpOptions = true,
        description = {"Integrate the Euler-Lagrange motion (Eq. 18) of an attention state rho on the Fisher-Rao sphere",
                "x = 2 sqrt(rho), potential F = sum rho E + T sum rho ln rho (Eq. 12), optional damping -gamma x'.",
                "Writes DIR/trajectory.csv (t, rho_i, F, S, kinetic, energy, distance), DIR/summary.json and figures.",
                "Small oscillations have angular frequency sqrt(T/m); gamma >= 2 sqrt(m T) is overdamped."},
        footer = {"", "Example:", "  thermoscope dynamics --energies energies.txt --temperature 1 --damping 0.5 --out results/dynamics"})
public final class DynamicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--energies", required = true, paramLabel = "FILE", description = "Energies E_i (text: commas/whitespace/newlines).")
    Path energies;

    @Option(names = {"--temperature", "-T"}, required = true, paramLabel = "T", description = "Temperature T > 0.")
    double temperature;

    @Option(names = "--mass", defaultValue = "1", paramLabel = "m", description = "Information inertia m > 0 (default ${DEFAULT-VALUE}).")
    double mass = 1;

    @Option(names = "--damping", defaultValue = "0", paramLabel = "g", description = "Damping gamma >= 0 (default ${DEFAULT-VALUE}: conservative).")
    double damping;

    @Option(names = "--t-end", paramLabel = "T_END", description = "End time > 0 (default: 10 small-oscillation periods, 20 pi sqrt(m/T)).")
    Double tEnd;

    @Option(names = "--dt", paramLabel = "DT", description = "Output interval > 0 (default: t-end/1000); the integrator is adaptive.")
    Double dt;

    @Option(names = "--initial", defaultValue = "uniform", paramLabel = "FILE|uniform",
            description = "Initial distribution (sums to 1 within 1e-6), or 'uniform' (default). Starts at rest.")
    String initial = "uniform";

    @Option(names = "--tolerance", defaultValue = "1e-14", paramLabel = "TOL",
            description = "Absolute and relative tolerance of the DP853 integrator (default ${DEFAULT-VALUE}).")
    double tolerance = 1e-14;

    @Option(names = "--out", converter = OutputPath.Directory.class, defaultValue = "results/dynamics", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("results/dynamics");

    @Override
    public Integer call() {
        InvalidInputException.requirePositive("--temperature", temperature);
        InvalidInputException.requirePositive("--mass", mass);
        InvalidInputException.requireFinite("--damping", damping);
        if (damping < 0) throw new InvalidInputException("--damping must be >= 0, got " + damping);
        InvalidInputException.requirePositive("--tolerance", tolerance);
        double end = tEnd == null ? 20 * Math.PI * Math.sqrt(mass / temperature) : InvalidInputException.requirePositive("--t-end", tEnd);
        double step = dt == null ? end / 1000 : InvalidInputException.requirePositive("--dt", dt);
        double intervals = Math.ceil(end / step - 1e-9);
        if (intervals > 10_000_000) throw new InvalidInputException("--dt is too small for --t-end: more than 1e7 output rows");
        int samples = (int) intervals + 1;
        double[] e = NumberText.readVector(energies);
        double[] rho0 = "uniform".equalsIgnoreCase(initial) ? FisherRaoDynamics.uniform(e.length) : NumberText.readVector(Path.of(initial));
        var settings = new FisherRaoDynamics.Settings(mass, damping, tolerance, tolerance, 200_000_000);
        var dyn = new FisherRaoDynamics(e, temperature, settings);
        var tr = dyn.integrate(rho0, null, end, samples);

        TrajectoryOutput.writeCsv(out.resolve("trajectory.csv"), tr);
        TrajectoryOutput.writeFigures(out, tr, String.format(Locale.ROOT, " — T=%.3g, m=%.3g, γ=%.3g", temperature, mass, damping));
        int last = tr.size() - 1;
        double h0 = tr.energy()[0], drift = 0;
        for (double h : tr.energy()) drift = Math.max(drift, Math.abs(h - h0));
        var node = Json.object();
        node.put("states", e.length);
        node.put("temperature", temperature);
        node.put("mass", mass);
        node.put("damping", damping);
        node.put("criticalDamping", 2 * Math.sqrt(mass * temperature)); // γ_c = 2√(mT): ω = √(T/m) near p
        node.put("smallOscillationPeriod", 2 * Math.PI * Math.sqrt(mass / temperature));
        node.put("tEnd", end);
        node.put("samples", samples);
        node.put("tolerance", tolerance);
        node.put("initial", initial);
        node.set("equilibrium", Json.toNode(tr.equilibrium()));
        node.set("finalRho", Json.toNode(tr.rho()[last]));
        node.put("initialDistance", tr.distance()[0]);
        node.put("finalDistance", tr.distance()[last]);
        node.put("finalFreeEnergy", tr.freeEnergy()[last]);
        node.put("equilibriumFreeEnergy", tr.equilibriumFreeEnergy());
        node.put("finalEntropy", tr.entropy()[last]);
        node.put("initialEnergy", h0);
        node.put("finalEnergy", tr.energy()[last]);
        node.put(damping == 0 ? "maxEnergyDriftRelative" : "maxEnergyChangeRelative", drift / Math.max(Math.abs(h0), Double.MIN_NORMAL));
        node.put("maxConstraintDriftBeforeProjection", tr.maxConstraintDrift());
        node.put("projections", tr.projections());
        node.put("evaluations", tr.evaluations());
        node.put("initialZeroComponents", tr.initialZeros());
        if (tr.initialZeros() > 0) {
            node.put("note", "components that start at exactly 0 at rest stay 0 (the simplex faces are invariant)");
        }
        node.put("trajectoryCsv", out.resolve("trajectory.csv").toString());
        Output.json(node, null, out.resolve("summary.json"), spec.commandLine().getOut());
        spec.commandLine().getOut().printf(Locale.ROOT, "dynamics: %d samples to t = %.4g; distance %.3e -> %.3e; wrote %s%n",
                samples, end, tr.distance()[0], tr.distance()[last], out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
