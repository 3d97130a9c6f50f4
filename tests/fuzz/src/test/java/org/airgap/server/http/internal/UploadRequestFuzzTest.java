package org.airgap.server.http.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.airgap.fuzz.Contract;
import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;
import org.airgap.store.ContentStores;
import org.airgap.store.Paths;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A blob chunk upload as {@code PUT /api/blobs/<sha256>?offset=N&size=TOTAL} (BlobServlet) and a run
 * id in {@code /api/uploads/<runId>/commit} reach the server: path, query, the chunk-hash and
 * Authorization headers and the body are the input's first four lines (ISO-8859-1, as on the wire) and
 * the rest. The endpoint's own parsing runs (Exchange, BlobServlet's parameters), then the upload area
 * receives the chunk into a fresh store. Each step answers a value or a ServerException with a message
 * (a 4xx); anything else would be a 500.
 */
class UploadRequestFuzzTest {

    private static final Method LONG_PARAMETER;

    static {
        try {
            LONG_PARAMETER = BlobServlet.class.getDeclaredMethod("longParameter", Exchange.class, String.class);
            LONG_PARAMETER.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void putChunk(byte[] input) throws Exception {
        byte[][] parts = split(input, 5);
        Map<String, String> headers = new HashMap<>();
        if (parts[2].length > 0) {
            headers.put(Api.CHUNK_SHA256, latin1(parts[2]));
        }
        if (parts[3].length > 0) {
            headers.put(Api.AUTHORIZATION, latin1(parts[3]));
        }
        Exchange exchange = new Exchange(FakeRequest.of("PUT", latin1(parts[0]), latin1(parts[1]), headers, parts[4]),
                null, null, null);
        try {
            exchange.token();
        } catch (ServerException e) {
            Contract.requireMessage(e);
        }
        Path scratch = Files.createTempDirectory("airgap-fuzz-upload");
        try {
            receive(exchange, headers.get(Api.CHUNK_SHA256), parts[4], scratch);
        } catch (ServerException e) {
            Contract.requireMessage(e);
        } finally {
            Contract.deleteTree(scratch);
        }
    }

    /** BlobServlet.put's steps, without the session and claim look-ups. */
    private static void receive(Exchange exchange, String chunkSha256, byte[] body, Path scratch)
            throws ServerException, IOException {
        String[] path = exchange.pathSegments();
        UploadArea uploads = new UploadArea(scratch.resolve("uploads"), ContentStores.open(scratch.resolve("store")),
                Duration.ofDays(7), 1 << 20, Clock.systemUTC());
        if (path.length == 2 && path[1].equals("commit")) {
            // A run id from the URL names a file in the upload area, which must stay inside it.
            uploads.savePending(path[0], "{}");
            requireInside(scratch.resolve("uploads"), scratch);
            uploads.pending(path[0]);
            uploads.deletePending(path[0]);
            return;
        }
        if (path.length != 1 || !Paths.isSha256(path[0])) {
            return;
        }
        long offset = longParameter(exchange, "offset");
        long size = longParameter(exchange, "size");
        if (offset > size || chunkSha256 != null && !Paths.isSha256(chunkSha256)) {
            return;
        }
        uploads.receive("technician", path[0], offset, size, true, chunkSha256, body.length,
                exchange.request().getInputStream());
        uploads.status("technician", path[0], size, true);
    }

    private static long longParameter(Exchange exchange, String name) throws ServerException {
        try {
            return (long) LONG_PARAMETER.invoke(null, exchange, name);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ServerException refused) {
                throw refused;
            }
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static void requireInside(Path area, Path scratch) throws IOException {
        try (var files = Files.walk(scratch)) {
            files.filter(Files::isRegularFile).filter(file -> !file.startsWith(area)).findAny().ifPresent(file -> {
                throw new AssertionError("a run id put a file outside the upload area: " + file);
            });
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The first {@code count - 1} lines and the rest. */
    private static byte[][] split(byte[] input, int count) {
        byte[][] parts = new byte[count][];
        int start = 0;
        for (int i = 0; i < count - 1; i++) {
            int end = start;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            parts[i] = Arrays.copyOfRange(input, start, end);
            start = Math.min(end + 1, input.length);
        }
        parts[count - 1] = Arrays.copyOfRange(input, start, input.length);
        return parts;
    }
}
