package io.thermoscope.spark;

import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.function.IntConsumer;

/**
 * Reports each successful task of the jobs run while it is registered, by partition index, serially (a Spark
 * listener on the driver). Use with try-with-resources around one job.
 */
final class TaskProgress extends SparkListener implements AutoCloseable {
    private final JavaSparkContext jsc;
    private final IntConsumer onPartitionDone;

    private TaskProgress(JavaSparkContext jsc, IntConsumer onPartitionDone) {
        this.jsc = jsc;
        this.onPartitionDone = onPartitionDone;
    }

    /** Starts listening; {@code onPartitionDone} (may be null: nothing to report) receives partition indices. */
    static TaskProgress listen(JavaSparkContext jsc, IntConsumer onPartitionDone) {
        TaskProgress p = new TaskProgress(jsc, onPartitionDone);
        if (onPartitionDone != null) jsc.sc().addSparkListener(p);
        return p;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof Success$) onPartitionDone.accept(end.taskInfo().index());
    }

    @Override
    public void close() {
        if (onPartitionDone != null) jsc.sc().removeSparkListener(this);
    }
}
