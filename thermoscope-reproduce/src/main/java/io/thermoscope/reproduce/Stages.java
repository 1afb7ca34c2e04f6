package io.thermoscope.reproduce;

import java.util.List;

/** The stages of the paper's reproduction, in report order. */
public final class Stages {
    private Stages() {
    }

    /** Every claim the report tests, in the order of the paper. */
    public static List<Stage> all() {
        return List.of(new SoftmaxMinimiserStage(), new EquationOfMotionStage(), new LangevinStage(),
                new RopeGoldstoneStage(), new GrokkingStage(), new ScalingStage(), new FiniteSizeStage(), new AnnealingStage(),
                new KappaStage(), new DistancePhasesStage(), new FisherInformationStage(), new RealHeadPhasesStage(),
                new DecoderQualityStage(), new DecoderPhasesStage(), new DecoderRopeStage(), new SamplingHeatStage(),
                new DepthScalingStage());
    }
}
