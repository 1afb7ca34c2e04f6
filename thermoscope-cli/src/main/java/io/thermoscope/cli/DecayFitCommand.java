package io.thermoscope.cli;

import io.thermoscope.distance.AttentionDecay;
import io.thermoscope.distance.DecayFit;
import io.thermoscope.distance.DistanceFigures;
import io.thermoscope.distance.DistanceProfile;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope decay-fit}: γ and λ of attention against distance, per head and in aggregate. */
@Command(name = "decay-fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits attention mass against token distance to d^-gamma e^(-lambda d) per head and in aggregate, "
                + "two ways: OLS on log-log (a pure power law, comparable to the peer tool) and maximum likelihood of "
                + "the discrete law (the principled one), with bootstrap confidence intervals and the phase verdict."},
        footer = {"", "Example:", "  thermoscope decay-fit --attention attn.npy --queries all --out results/decay",
                "  (attn.npy: float32/float64 attention probabilities shaped [heads, q, k] or [layers, heads, q, k])"})
public final class DecayFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--attention", required = true, paramLabel = "FILE.npy", description = "Attention probabilities [heads, q, k] or [layers, heads, q, k].")
    Path attention;

    @Option(names = "--queries", defaultValue = "all", paramLabel = "last|all", description = "Use the last query only, or every query (default ${DEFAULT-VALUE}).")
    DistanceProfile.Queries queries;

    @Option(names = "--direction", defaultValue = "past", paramLabel = "past|future|both", description = "Keys before the query (causal), after it, or both folded by |i - j| (default ${DEFAULT-VALUE}).")
    DistanceProfile.Direction direction;

    @Option(names = "--max-distance", defaultValue = "0", paramLabel = "D", description = "Fit distances 1..D only (default: all).")
    int maxDistance;

    @Option(names = "--no-lambda", description = "Fix lambda = 0 in the maximum-likelihood fit.")
    boolean noLambda;

    @Option(names = "--bootstrap", defaultValue = "400", paramLabel = "B", description = "Bootstrap replicates (default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--level", defaultValue = "0.95", paramLabel = "C", description = "Confidence level (default ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--band", defaultValue = "0.05", paramLabel = "B", description = "Crossover band |gamma - 1| < B (default ${DEFAULT-VALUE}).")
    double band;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", converter = OutputPath.Directory.class, paramLabel = "DIR", description = "Write fits.json, fits.csv and the plots (PNG + SVG) here; otherwise JSON on stdout.")
    Path out;

    @Override
    public Integer call() {
        DecayFit.Options o = new DecayFit.Options(maxDistance, !noLambda, bootstrap, level, band, seed);
        AttentionDecay.Result r = AttentionDecay.fit(Npy.read(attention), queries, direction, o);
        var node = Json.object();
        node.put("queries", queries.name().toLowerCase(Locale.ROOT));
        node.put("direction", direction.name().toLowerCase(Locale.ROOT));
        var heads = node.putArray("heads");
        StringBuilder csv = new StringBuilder("layer,head,method,gamma,gammaLo,gammaHi,lambda,lambdaLo,lambdaHi,phase,phaseFirm,converged\n");
        for (AttentionDecay.HeadFit h : r.heads()) {
            var hn = heads.addObject();
            hn.put("layer", h.layer());
            hn.put("head", h.head());
            fill(hn, h.fit());
            row(csv, h.layer() + "," + h.head(), h.fit());
        }
        fill(node.putObject("aggregate"), r.aggregate());
        row(csv, "all,all", r.aggregate());
        if (out == null) {
            Output.json(node, seed, null, spec.commandLine().getOut());
        } else {
            AtomicFiles.writeString(out.resolve("fits.csv"), csv.toString());
            DistanceFigures.decayFit("Attention mass against distance (all heads)", r.aggregateMeanMass(), r.aggregate())
                    .save(out, "decay-fit");
            Output.json(node, seed, out.resolve("fits.json"), spec.commandLine().getOut());
            spec.commandLine().getOut().printf(Locale.ROOT, "aggregate: %s (MLE), OLS γ = %.3f; %d heads; wrote %s%n",
                    r.aggregate().verdict(), r.aggregate().ols().gamma(), r.heads().size(), out);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static void fill(com.fasterxml.jackson.databind.node.ObjectNode n, DecayFit.Result f) {
        n.put("gamma", f.mle().gamma());
        n.put("lambda", f.mle().lambda());
        n.put("phase", f.phase());
        n.put("verdict", f.verdict());
        n.put("profiles", f.profiles());
        n.put("bootstrapUnit", f.bootstrapUnit());
        n.put("r2", f.r2());
        n.set("mle", Json.toNode(f.mle()));
        n.set("ols", Json.toNode(f.ols()));
    }

    private static void row(StringBuilder csv, String id, DecayFit.Result f) {
        for (DecayFit.Estimate e : new DecayFit.Estimate[]{f.ols(), f.mle()}) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s,%s,%s%n", id,
                    e.method(), e.gamma(), e.gammaLo(), e.gammaHi(), e.lambda(), e.lambdaLo(), e.lambdaHi(), e.phase(),
                    e.phaseFirm(), e.converged()));
        }
    }
}
