package io.thermoscope.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child-process entry point of a parallel sweep: {@code GrokWorker BATCH.json} trains (resuming) one batch.
 * The file is a {@link Job}: the batch's members, its checkpoint, the gate and the window.
 */
public final class GrokWorker {
    private GrokWorker() {
    }

    /**
     * What a worker trains.
     *
     * @param configs    the members' configurations
     * @param dirs       the members' directories
     * @param checkpoint the batch's checkpoint file
     * @param gate       the grokking gate
     * @param window     the plateau window
     */
    public record Job(List<GrokConfig> configs, List<String> dirs, String checkpoint, GrokGate gate, PlateauWindow window) {
        /** The job of {@code batch}. */
        public static Job of(BatchRun.Batch batch, GrokGate gate, PlateauWindow window) {
            List<GrokConfig> c = new ArrayList<>();
            List<String> d = new ArrayList<>();
            for (BatchRun.Member m : batch.members()) {
                c.add(m.config());
                d.add(m.dir().toString());
            }
            return new Job(c, d, batch.checkpoint().toString(), gate, window);
        }

        /** The batch it describes. */
        BatchRun.Batch batch() {
            List<BatchRun.Member> members = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) members.add(new BatchRun.Member(configs.get(i), Path.of(dirs.get(i))));
            return new BatchRun.Batch(members, Path.of(checkpoint));
        }
    }

    /** Trains one batch; exit 0 on success, 2 on bad input, 1 otherwise. */
    public static void main(String[] args) {
        try {
            JsonNode n = Json.mapper().readTree(Files.readString(Path.of(args[0])));
            Job job = Json.mapper().treeToValue(n, Job.class);
            BatchRun.train(job.batch(), true, job.gate(), job.window(), null, List.of("GrokWorker", args[0]));
            System.exit(0);
        } catch (io.thermoscope.InvalidInputException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
