package io.thermoscope.corpus;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Thermoscope keeps what it fetches once and reuses (the Brown corpus): {@code $THERMOSCOPE_CACHE} when set,
 * otherwise {@code $XDG_CACHE_HOME/thermoscope}, otherwise {@code ~/.cache/thermoscope}.
 */
public final class CacheDirectory {

    /** The environment variable that overrides the cache location. */
    public static final String VARIABLE = "THERMOSCOPE_CACHE";

    private CacheDirectory() {
    }

    /** The cache root for the current environment (not created). */
    public static Path root() {
        return root(System.getenv(), System.getProperty("user.home"));
    }

    /** The cache root for the given environment and home directory (not created). */
    static Path root(Map<String, String> env, String home) {
        String own = env.get(VARIABLE);
        if (own != null && !own.isBlank()) return Path.of(own);
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "thermoscope");
        return Path.of(home, ".cache", "thermoscope");
    }
}
