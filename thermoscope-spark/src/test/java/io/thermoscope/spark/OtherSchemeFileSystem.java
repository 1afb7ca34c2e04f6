package io.thermoscope.spark;

import org.apache.hadoop.fs.RawLocalFileSystem;

import java.net.URI;

/**
 * The local disk under another URI scheme, {@code otherfs:///path}: lets the tests send a sweep through the code path
 * of a non-local output (driver-side copies, publishing the analysis) without an HDFS. Registered with
 * {@code spark.hadoop.fs.otherfs.impl}.
 */
public final class OtherSchemeFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "otherfs";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
