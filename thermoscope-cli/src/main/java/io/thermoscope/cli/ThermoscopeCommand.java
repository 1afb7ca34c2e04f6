package io.thermoscope.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The root command; with no subcommand it runs the main job on embedded defaults. */
@Command(name = "thermoscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Thermodynamics of transformer attention, measured on real runs and real models.",
                "With no arguments: the main job, 'thermoscope reproduce --quick' — every claim of the paper tested, into results/report.html."},
        footer = {"", "Example:", "  thermoscope ensemble --energies energies.txt --temperature 5.66"},
        subcommands = {
                ReproduceCommand.class,
                DemoCommand.class,
                EnsembleCommand.class,
                HeadCommand.class,
                FirstLawCommand.class,
                VariationalCheckCommand.class,
                DynamicsCommand.class,
                RopeCheckCommand.class,
                EosFitCommand.class,
                LangevinCommand.class,
                DistanceCommand.class,
                DecayFitCommand.class,
                AtlasCommand.class,
                KappaCommand.class,
                GrokCommand.class,
                LmCommand.class,
                PolylogCommand.class,
                ZetaCommand.class,
                picocli.CommandLine.HelpCommand.class,
        })
public final class ThermoscopeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        // reached only when the command tree is executed without Main's default (no subcommand given)
        return Main.run(new String[0], new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true));
    }
}
