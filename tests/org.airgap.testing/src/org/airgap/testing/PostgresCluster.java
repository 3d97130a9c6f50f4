package org.airgap.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for one test run (one JVM): {@code initdb} into a temporary folder,
 * {@code pg_ctl} on a free loopback port, password login (SCRAM) for the superuser {@link #USER}; stopped and
 * deleted when the JVM ends, however it ends: a watcher process outside the JVM waits for it (a shutdown
 * hook would not run when the test runtime is killed, and finds the test bundle's classes gone after the
 * OSGi framework stopped). PostgreSQL refuses to run as root, so as root the server runs as
 * {@code nobody}. The binaries are Debian's ({@code apt-get install postgresql}, in .ci/run), found under
 * {@code /usr/lib/postgresql/VERSION/bin} or in {@code AIRGAP_POSTGRES_BIN}.
 *
 * <p>The tests run on it when the system property {@code airgap.test.database} is {@code postgresql}
 * (a second run of a test bundle, see its pom.xml); each data directory then gets a database of its own,
 * named in the directory's server.ini ({@link #useFor(Path)}).
 */
public final class PostgresCluster {

    /** The system property that selects the backend of a test run: {@code h2} (default) or {@code postgresql}. */
    public static final String BACKEND_PROPERTY = "airgap.test.database";
    public static final String USER = "airgap";

    private static PostgresCluster shared;

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path bin, Path folder, int port, String password) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
        this.password = password;
    }

    /** Whether this test run is the PostgreSQL run. */
    public static boolean selected() {
        return "postgresql".equals(System.getProperty(BACKEND_PROPERTY, "h2"));
    }

    /** The cluster of this JVM, started at the first call. */
    public static synchronized PostgresCluster shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /**
     * In the PostgreSQL run, gives {@code dataDirectory} a new database of its own in its server.ini
     * ({@code [Database]}, and {@code gcSchedule = off} as for settings made in code); a directory that has a
     * server.ini keeps it (a repository opened again finds its database). In the H2 run it does nothing.
     */
    public static void useFor(Path dataDirectory) throws IOException, InterruptedException {
        if (selected()) {
            shared().writeServerIni(dataDirectory);
        }
    }

    /** The JDBC URL of {@code database} in this cluster. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String password() {
        return password;
    }

    /** Creates an empty database and returns its name. */
    public String newDatabase() throws IOException, InterruptedException {
        String name = "airgap_test_" + databases.incrementAndGet();
        run(false, List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                USER, name));
        return name;
    }

    /** Writes server.ini naming a new database, with the password in {@code database.password} beside it. */
    public void writeServerIni(Path dataDirectory) throws IOException, InterruptedException {
        Path ini = dataDirectory.resolve("server.ini");
        if (Files.exists(ini)) {
            return;
        }
        Files.createDirectories(dataDirectory);
        Files.writeString(dataDirectory.resolve("database.password"), password + "\n", StandardCharsets.UTF_8);
        Files.writeString(ini, "[Retention]\ngcSchedule = off\n\n[Database]\nurl = " + url(newDatabase())
                + "\nuser = " + USER + "\npasswordFile = database.password\n", StandardCharsets.UTF_8);
    }

    private static PostgresCluster start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path folder = Files.createTempDirectory("airgap-postgres-");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        PostgresCluster cluster = new PostgresCluster(bin, folder, freePort(), password);
        if (isRoot()) {
            UserPrincipal nobody = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(folder, nobody);
        }
        Path passwordFile = folder.resolve("superuser.password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        if (isRoot()) {
            Files.setOwner(passwordFile, folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody"));
        }
        cluster.watchThisJvm();
        try {
            cluster.run(true, List.of(bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync"));
            // A test cluster: nothing to keep after a crash, so no waiting for the disk.
            cluster.run(true, List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.data.toString(), "-l",
                    folder.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", "-p " + cluster.port
                            + " -h 127.0.0.1 -k " + folder + " -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off -c max_connections=300",
                    "start"));
        } catch (IOException | RuntimeException e) {
            cluster.stopAndDelete();
            throw e;
        }
        return cluster;
    }

    /** Starts, in a session of its own, a shell that stops and deletes the cluster once this JVM has ended. */
    private void watchThisJvm() throws IOException {
        String stop = (isRoot() ? "runuser -u nobody -- " : "") + quoted(bin.resolve("pg_ctl")) + " -D " + quoted(data)
                + " -m immediate -w stop";
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; [ -f "
                + quoted(data.resolve("postmaster.pid")) + " ] && " + stop + "; rm -rf " + quoted(folder);
        new ProcessBuilder("setsid", "sh", "-c", script).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                .toFile())).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    /** Stops and deletes the cluster now, when it could not be started. */
    private void stopAndDelete() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(true, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                        "stop"));
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("postgres-cluster: could not stop the test cluster in " + folder + ": " + e);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("postgres-cluster: could not delete " + folder + ": " + e);
        }
    }

    /** Runs a PostgreSQL program; the server's own ones as nobody when this JVM is root. */
    private void run(boolean asServerUser, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && isRoot()) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static Path binaries() throws IOException {
        String configured = System.getenv("AIRGAP_POSTGRES_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                List<Path> bins = installed.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .sorted(Comparator.comparing(PostgresCluster::majorVersion).reversed()).toList();
                if (!bins.isEmpty()) {
                    return bins.get(0);
                }
            }
        }
        throw new IOException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: apt-get install"
                + " postgresql (or set AIRGAP_POSTGRES_BIN to the folder with initdb and pg_ctl)");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
