package org.airgap.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3-compatible server for one test run (one JVM): S3Proxy ({@code org.gaul:s3proxy}, its self-contained
 * jar, which the test bundle's pom.xml copies to {@code target/s3proxy/s3proxy.jar} or the system property
 * {@link #JAR_PROPERTY} names) started as its own process over a temporary folder (its file-system backend)
 * on a free loopback port, with a random access key and secret (AWS signature V4). Like
 * {@link PostgresCluster}, a watcher process outside the JVM stops it and deletes the folder once the JVM has
 * ended, however it ended. Only this fixture knows it is S3Proxy: the store under test speaks plain S3 to it.
 */
public final class S3ProxyServer {

    public static final String JAR_PROPERTY = "airgap.test.s3proxy.jar";
    /** The system property that selects the content store of a test run: {@code file} (default) or {@code s3}. */
    public static final String STORE_PROPERTY = "airgap.test.store";
    public static final String REGION = "us-east-1";

    private static S3ProxyServer shared;

    private final Path folder;
    private final int port;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final AtomicInteger buckets = new AtomicInteger();

    private S3ProxyServer(Path folder, int port, String accessKeyId, String secretAccessKey) {
        this.folder = folder;
        this.port = port;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /** The server of this JVM, started at the first call. */
    public static synchronized S3ProxyServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Whether this test run keeps the servers' content in S3 (docs/scale-out.md, "What is tested"). */
    public static boolean selected() {
        return "s3".equals(System.getProperty(STORE_PROPERTY, "file"));
    }

    /**
     * In the S3 run, gives {@code dataDirectory} a new bucket in its server.ini ({@code [Store]}, credentials in
     * {@code s3.credentials} beside it), after whatever {@link PostgresCluster#useFor} wrote; a server.ini that has
     * a {@code [Store]} keeps it. In the other runs it does nothing.
     */
    public static void useFor(Path dataDirectory) throws IOException, InterruptedException {
        if (!selected()) {
            return;
        }
        Path ini = dataDirectory.resolve("server.ini");
        String existing = Files.exists(ini) ? Files.readString(ini, StandardCharsets.UTF_8)
                : "[Retention]\ngcSchedule = off\n";
        if (existing.contains("[Store]")) {
            return;
        }
        S3ProxyServer server = shared();
        server.writeCredentials(dataDirectory.resolve("s3.credentials"));
        Files.writeString(ini, existing + "\n" + server.storeSection(server.newBucket(), "s3.credentials"),
                StandardCharsets.UTF_8);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates an empty bucket and returns its name. */
    public String newBucket() throws IOException {
        String name = "airgap-test-" + buckets.incrementAndGet();
        Files.createDirectories(folder.resolve("data").resolve(name)); // a bucket of S3Proxy's file-system backend
        return name;
    }

    /**
     * The file in which S3Proxy's file-system backend keeps an object: for tests that damage what is stored
     * behind the S3 API's back, as a fault of the S3 server's disks would.
     */
    public Path objectFile(String bucket, String key) {
        return folder.resolve("data").resolve(bucket).resolve(key);
    }

    /** Writes a credentials file as the S3 store reads it ({@code accessKeyId}, {@code secretAccessKey}). */
    public void writeCredentials(Path file) throws IOException {
        writeCredentials(file, accessKeyId, secretAccessKey);
    }

    public static void writeCredentials(Path file, String accessKeyId, String secretAccessKey) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "accessKeyId = " + accessKeyId + "\nsecretAccessKey = " + secretAccessKey + "\n",
                StandardCharsets.UTF_8);
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** The {@code [Store]} section of a server.ini naming {@code bucket}, its credentials in {@code credentialsFile}. */
    public String storeSection(String bucket, String credentialsFile) {
        return "[Store]\ns3.endpoint = " + endpoint() + "\nbucket = " + bucket + "\nregion = " + REGION
                + "\ncredentialsFile = " + credentialsFile + "\npathStyle = true\n";
    }

    private static S3ProxyServer start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/s3proxy/s3proxy.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no S3Proxy jar at " + jar + ": the test bundle's pom.xml copies"
                    + " org.gaul:s3proxy:jar-with-dependencies there (or set -D" + JAR_PROPERTY + ")");
        }
        Path folder = Files.createTempDirectory("airgap-s3proxy-");
        SecureRandom random = new SecureRandom();
        S3ProxyServer server = new S3ProxyServer(folder, freePort(), "AK" + HexFormat.of().formatHex(random
                .generateSeed(8)).toUpperCase(java.util.Locale.ROOT), HexFormat.of().formatHex(random.generateSeed(20)));
        Files.createDirectories(folder.resolve("data"));
        Path properties = folder.resolve("s3proxy.conf");
        Files.writeString(properties, "s3proxy.endpoint=" + server.endpoint() + "\ns3proxy.authorization=aws-v2-or-v4\n"
                + "s3proxy.identity=" + server.accessKeyId + "\ns3proxy.credential=" + server.secretAccessKey
                + "\njclouds.provider=filesystem\njclouds.filesystem.basedir=" + folder.resolve("data") + "\n",
                StandardCharsets.UTF_8);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString(), "--properties",
                properties.toString()).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
        server.watchThisJvm(process.pid());
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!answers(server.port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("S3Proxy did not start on port " + server.port + ": " + Files.readString(
                        folder.resolve("s3proxy.log"), StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
        return server;
    }

    /** A shell in a session of its own that stops S3Proxy and deletes its folder once this JVM has ended. */
    private void watchThisJvm(long pid) throws IOException {
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; kill "
                + pid + " 2>/dev/null; sleep 1; kill -9 " + pid + " 2>/dev/null; rm -rf '"
                + folder.toString().replace("'", "'\\''") + "'";
        new ProcessBuilder("setsid", "sh", "-c", script).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                .toFile())).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
