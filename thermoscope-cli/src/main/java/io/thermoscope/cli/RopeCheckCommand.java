package io.thermoscope.cli;

import io.thermoscope.rope.ColemanWeinbergPotential;
import io.thermoscope.rope.MexicanHatFigures;
import io.thermoscope.rope.RopeCheck;
import io.thermoscope.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope rope-check}: RoPE as the Goldstone mode of the U(1) potential (§V.C). */
@Command(name = "rope-check", mixinStandardHelpOptions = true,
        description = {"Checks RoPE as a Goldstone mode (Sec. V.C) on random Gaussian q, k: (1) (R_m q).(R_n k) depends only",
                "on m - n (to 1e-12 |q||k|); (2) a global phase on every position leaves every energy unchanged (Eq. 36);",
                "(3) at the vacuum of V = alpha|Phi|^2 + beta|Phi|^2 ln(|Phi|^2/v^2) the Hessian has eigenvalues 0 (Goldstone)",
                "and V''(r_min) = 4 beta (Higgs). Writes DIR/rope-check.json and the Mexican-hat figures (Fig. 1).",
                "The verdict (PASSED/FAILED) is printed and in the JSON ('passed'); the exit status is 0 either way.",
                "Parameters whose vacuum or cost is beyond double precision or this machine are refused up front."},
        footer = {"", "Example:", "  thermoscope rope-check --dim 64 --base 10000 --out results/rope"})
public final class RopeCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dim", defaultValue = "64", description = "RoPE dimension d, even (default ${DEFAULT-VALUE}).")
    int dim = 64;

    @Option(names = "--base", defaultValue = "10000", description = "Frequency base, theta_i = base^(-2i/d) (default ${DEFAULT-VALUE}).")
    double base = 10000;

    @Option(names = "--tokens", defaultValue = "64", description = "Random (q, k) pairs (default ${DEFAULT-VALUE}).")
    int tokens = 64;

    @Option(names = "--max-position", defaultValue = "1024", description = "Positions drawn from [0, P] (default ${DEFAULT-VALUE}).")
    int maxPosition = 1024;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--alpha", defaultValue = "0", description = "alpha of the potential (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--beta", defaultValue = "1", description = "beta > 0 of the potential (default ${DEFAULT-VALUE}).")
    double beta = 1;

    @Option(names = "--v", defaultValue = "1", description = "Scale v > 0 of the potential (default ${DEFAULT-VALUE}).")
    double v = 1;

    @Option(names = "--out", converter = OutputPath.Directory.class, defaultValue = "results/rope", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("results/rope");

    @Override
    public Integer call() {
        ColemanWeinbergPotential pot = new ColemanWeinbergPotential(alpha, beta, v);
        RopeCheck.Config config = new RopeCheck.Config(dim, base, tokens, maxPosition, seed, pot);
        RopeCheck.Result r = RopeCheck.run(config);
        MexicanHatFigures.write(out, pot);
        var node = Json.toObject(r);
        node.put("vacuumRadius", pot.vacuumRadius());
        node.put("vacuumEnergy", pot.vacuumEnergy());
        node.put("higgsCurvatureClosedForm", pot.higgsCurvature());
        node.put("dotTolerance", config.dotTolerance());
        node.put("hessianTolerance", RopeCheck.HESSIAN_TOLERANCE);
        Output.json(node, seed, out.resolve("rope-check.json"), spec.commandLine().getOut());
        var w = spec.commandLine().getOut();
        var g = r.goldstone().get(0);
        w.printf(Locale.ROOT, "rope-check d=%d base=%g: relative-position error %.2e, shift error %.2e, global-phase dE %.2e%n",
                dim, base, r.maxRelativePositionError(), r.maxShiftError(), r.maxGlobalPhaseDeltaE());
        w.printf(Locale.ROOT, "  vacuum |Phi| = %.6g; Hessian eigenvalues: angular %.3e, radial %.10g (closed form 4 beta = %.10g)%n",
                pot.vacuumRadius(), g.angularEigen(), g.radialEigen(), g.higgsClosedForm());
        w.printf(Locale.ROOT, "  %s; wrote %s%n", r.passed() ? "PASSED" : "FAILED", out);
        w.flush();
        return 0;
    }
}
