package org.airgap.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.airgap.protocol.Role;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.internal.ServerOptions.AddUser;
import org.airgap.server.internal.ServerOptions.Init;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.h2.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** The server application run in this framework as the launcher runs it, on a data directory. */
class ServerApplicationTest {

    @TempDir
    Path dir;

    private Path data;
    private final BundleContext bundleContext = FrameworkUtil.getBundle(ServerApplication.class).getBundleContext();
    private final ExecutorService launcher = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private AdminCommands admin;

    @BeforeEach
    void initDataDirectory() {
        data = dir.resolve("data");
        admin = new AdminCommands(bundleContext, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, admin.init(new Init(data)));
    }

    @AfterEach
    void stopLauncher() {
        launcher.shutdownNow();
    }

    @Test
    void runsOnTheDataDirectoryWithPortAndHostFromServerIniAndStopsCleanly() throws Exception {
        int port = freePort();
        Path ini = data.resolve("server.ini");
        Files.writeString(ini, Files.readString(ini).replace("host = 0.0.0.0", "host = 127.0.0.1")
                .replace("port = 8080", "port = " + port));
        ServerApplication application = new ServerApplication();
        Future<Object> exit = launcher.submit(() -> application.start(context("--data", data.toString())));

        HttpResponse<String> health = getWhenServed(data, port, "/api/health", exit);
        assertEquals(200, health.statusCode(), health.body());
        ServiceReference<ServerSettings> settings = bundleContext.getServiceReference(ServerSettings.class);
        assertNotNull(settings, "the running server registers its settings");
        assertEquals(port, bundleContext.getService(settings).port());
        bundleContext.ungetService(settings);
        String log = Files.readString(data.resolve("logs").resolve("airgap-server.log"));
        assertTrue(log.contains("listening on https://127.0.0.1:" + port + "/api/health"), log);
        assertTrue(log.contains("TLS certificate " + ServerTls.keystore(data).fingerprint()), log);

        application.stop();
        assertEquals(IApplication.EXIT_OK, exit.get(20, TimeUnit.SECONDS));
        assertNull(bundleContext.getServiceReference(ServerSettings.class), "the settings go when the server stops");
    }

    @Test
    void initCreatesTheDataDirectoryPrivateToTheServersAccount() throws Exception {
        Assumptions.assumeTrue(posix(), "no POSIX permissions on this file system");
        assertEquals("rwx------", permissions(data));
        List<Path> files = filesUnder(data);
        assertTrue(files.contains(data.resolve("server.ini")) && files.stream()
                .anyMatch(file -> file.getFileName().toString().endsWith(".mv.db")), files.toString());
        assertTrue(files.contains(data.resolve("tls/server.p12")) && files.contains(data.resolve("tls/server.p12.password")),
                files.toString());
        for (Path path : files) {
            assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------", permissions(path), path.toString());
        }
    }

    @Test
    void theServerMakesItsDataDirectoryAndLogPrivateAtStart() throws Exception {
        Assumptions.assumeTrue(posix(), "no POSIX permissions on this file system");
        int port = freePort();
        Path ini = data.resolve("server.ini");
        Files.writeString(ini, Files.readString(ini).replace("host = 0.0.0.0", "host = 127.0.0.1")
                .replace("port = 8080", "port = " + port));
        // As a restored backup or a careless copy leaves it: readable by everyone.
        try (Stream<Path> all = Files.walk(data)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        List<Path> loosened = filesUnder(data);
        ServerApplication application = new ServerApplication();
        Future<Object> exit = launcher.submit(() -> application.start(context("--data", data.toString())));
        assertEquals(200, getWhenServed(data, port, "/api/health", exit).statusCode());
        try {
            assertEquals("rwx------", permissions(data));
            // What the server creates later (uploads) lies in these private folders.
            List<Path> files = new java.util.ArrayList<>(loosened);
            files.add(data.resolve("logs").resolve("airgap-server.log"));
            for (Path path : files) {
                assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------", permissions(path), path.toString());
            }
        } finally {
            application.stop();
            assertEquals(IApplication.EXIT_OK, exit.get(20, TimeUnit.SECONDS));
        }
    }

    private boolean posix() {
        return Files.getFileAttributeView(data, PosixFileAttributeView.class) != null;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** Everything in the data directory but the log's lock file (the logger's, gone once it stops). */
    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(path -> !path.equals(folder) && !path.toString().endsWith(".lck")).sorted().toList();
        }
    }

    @Test
    void aBadServerIniRefusesToStart() throws Exception {
        Files.writeString(data.resolve("server.ini"), "[Session]\nidleTimeout = soon\n");
        assertEquals(Integer.valueOf(1), new ServerApplication().start(context("--data", data.toString())));
        assertNull(bundleContext.getServiceReference(ServerSettings.class));
    }

    @Test
    void aDatabaseNewerThanTheServerIsRefusedWithTheReason() throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", "airgap");
        credentials.setProperty("password", "");
        try (Connection db = new Driver().connect("jdbc:h2:file:" + data.resolve("db").resolve("airgap"), credentials);
                Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO schema_version VALUES (99, 'from the future', CURRENT_TIMESTAMP)");
        }
        assertEquals(1, admin.addUser(new AddUser(data, "tech1", Role.TECHNICIAN),
                new java.io.ByteArrayInputStream("pw\n".getBytes(StandardCharsets.UTF_8))));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("airgap-server: the ServerRepository did not start: the database "), message);
        // The latest version this server knows grows with each migration.
        assertTrue(message.matches("(?s).*has schema version 99, newer than this server knows \\(\\d+\\): run a newer"
                + " airgap-server on it.*"), message);
    }

    @Test
    void anS3StoreThatDoesNotAnswerIsRefusedAtStartNamingStore() throws Exception {
        int closed = freePort(); // nothing listens there
        Path ini = data.resolve("server.ini");
        String existing = Files.exists(ini) ? Files.readString(ini, StandardCharsets.UTF_8) : "";
        Files.writeString(ini, existing + "\n[Store]\ns3.endpoint = http://127.0.0.1:" + closed + "\nbucket = airgap\n"
                + "region = us-east-1\ncredentialsFile = s3.credentials\npathStyle = true\n", StandardCharsets.UTF_8);
        Files.writeString(data.resolve("s3.credentials"), "accessKeyId = AKTEST\nsecretAccessKey = secret-4711\n");
        assertEquals(1, admin.addUser(new AddUser(data, "tech1", Role.TECHNICIAN),
                new java.io.ByteArrayInputStream("pw\n".getBytes(StandardCharsets.UTF_8))));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("airgap-server: the ServerRepository did not start: " + ini.toAbsolutePath()
                .normalize() + " [Store]: the S3 store http://127.0.0.1:" + closed + " bucket airgap does not answer"),
                message);
        assertTrue(message.contains("(check s3.endpoint)"), message);
        assertTrue(!message.contains("secret-4711"), message);
    }

    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** GET over HTTPS trusting the data directory's certificate alone, once the server answers. */
    static HttpResponse<String> getWhenServed(Path data, int port, String path, Future<Object> exit) throws Exception {
        return getWhenServed(ServerTls.client(data), URI.create("https://127.0.0.1:" + port + path), exit);
    }

    static HttpResponse<String> getWhenServed(HttpClient client, URI uri, Future<Object> exit) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            if (exit.isDone()) {
                throw new AssertionError("the server ended with " + exit.get());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                    return response;
                }
            } catch (IOException notYetListening) {
                if (System.nanoTime() > deadline) {
                    throw notYetListening;
                }
            }
            Thread.sleep(100);
        }
    }

    static IApplicationContext context(String... args) {
        return new IApplicationContext() {
            @Override
            public Map<String, Object> getArguments() {
                return Map.of(IApplicationContext.APPLICATION_ARGS, args);
            }

            @Override
            public void applicationRunning() {
                // nothing shows a splash screen here
            }

            @Override
            public String getBrandingApplication() {
                return null;
            }

            @Override
            public String getBrandingName() {
                return null;
            }

            @Override
            public String getBrandingDescription() {
                return null;
            }

            @Override
            public String getBrandingId() {
                return null;
            }

            @Override
            public String getBrandingProperty(String key) {
                return null;
            }

            @Override
            public Bundle getBrandingBundle() {
                return null;
            }

            @Override
            public void setResult(Object result, IApplication application) {
                // only for asynchronous applications
            }
        };
    }
}
