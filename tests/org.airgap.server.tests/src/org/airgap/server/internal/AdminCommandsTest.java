package org.airgap.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.airgap.protocol.Role;
import org.airgap.server.internal.ServerOptions.AddUser;
import org.airgap.server.internal.ServerOptions.Import;
import org.airgap.server.internal.ServerOptions.Init;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/** init, user add and import as the command line runs them: through the server core's DS services, on real files. */
class AdminCommandsTest {

    /** The example of docs/server.md, "Administration commands". */
    private static final String DOCUMENTED_IMPORT = """
            {
              "folders": [
                { "id": "plant-nord", "name": "Plant Nord", "parentId": null },
                { "id": "press-line", "name": "Press line", "parentId": "plant-nord" }
              ],
              "components": [
                { "id": "plc-press-1", "name": "PLC press 1", "folderId": "press-line", "deviceType": "modbus-tcp",
                  "connection": { "host": "10.0.0.7", "port": "502" } }
              ],
              "jobs": [
                { "id": "job-plc-press-1", "componentId": "plc-press-1", "name": "Back up PLC press 1",
                  "parameters": {},
                  "options": { "maxAttempts": 2, "pauseBetweenAttempts": "PT30S", "warnIfBackupOlderThan": "PT720H",
                               "createVersionAutomatically": true, "includes": [], "excludes": [], "ignoreRules": [] } }
              ],
              "assignments": [
                { "jobId": "job-plc-press-1", "user": "anna" }
              ]
            }
            """;

    @TempDir
    Path dir;

    private Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private AdminCommands commands;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        commands = new AdminCommands(FrameworkUtil.getBundle(AdminCommands.class).getBundleContext(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void initCreatesTheDataDirectoryOnceWithServerIniDatabaseAndStore() {
        assertEquals(0, commands.init(new Init(data)), err());
        assertTrue(Files.isRegularFile(data.resolve("server.ini")));
        assertTrue(Files.isRegularFile(data.resolve("db").resolve("airgap.mv.db")));
        assertTrue(Files.isDirectory(data.resolve("store")));
        assertTrue(out().contains("Created the Airgap data directory " + data), out());

        assertEquals(1, commands.init(new Init(data)));
        assertEquals("airgap-server: " + data + " has a server.ini already: it is set up; run the server with"
                + " airgap-server --data " + data + "\n", err());
    }

    @Test
    void userAddReadsThePasswordFromTheFirstLineAndRefusesDuplicatesAndEmptyPasswords() {
        commands.init(new Init(data));
        assertEquals(0, commands.addUser(new AddUser(data, "tech1", Role.TECHNICIAN), stdin("s3cret passphrase\nignored\n")),
                err());
        assertTrue(out().endsWith("Added user tech1 (technician)\n"), out());

        assertEquals(1, commands.addUser(new AddUser(data, "tech1", Role.ADMIN), stdin("other passphrase\n")));
        assertEquals("airgap-server: the user tech1 exists already\n", err());
        err.reset();
        assertEquals(1, commands.addUser(new AddUser(data, "tech2", Role.TECHNICIAN), stdin("\n")));
        assertTrue(err().startsWith("airgap-server: no password for tech2: give it as the first line"), err());
        err.reset();
        assertEquals(1, commands.addUser(new AddUser(data, "tech2", Role.TECHNICIAN), stdin("")));
        assertTrue(err().startsWith("airgap-server: no password for tech2"), err());
    }

    @Test
    void userAddRefusesPasswordsShorterThanServerIniAllows() throws Exception {
        commands.init(new Init(data));
        assertEquals(1, commands.addUser(new AddUser(data, "tech1", Role.TECHNICIAN), stdin("airgap-demo\n")));
        assertEquals("airgap-server: the password of tech1 has 11 characters; it needs at least 12 (server.ini"
                + " [Security] minPasswordLength): choose a longer one, a passphrase of several words is easiest\n",
                err());
        err.reset();
        Path ini = data.resolve("server.ini");
        Files.writeString(ini, Files.readString(ini).replace("minPasswordLength = 12", "minPasswordLength = 8"));
        assertEquals(0, commands.addUser(new AddUser(data, "tech1", Role.TECHNICIAN), stdin("airgap-demo\n")), err());
    }

    @Test
    void importIsIdempotentAndRefusesBadFilesNamingThem() throws Exception {
        commands.init(new Init(data));
        assertEquals(0, commands.addUser(new AddUser(data, "anna", Role.TECHNICIAN), stdin("anna's passphrase\n")),
                err());
        Path file = dir.resolve("plant.json");
        Files.writeString(file, DOCUMENTED_IMPORT);
        out.reset();
        assertEquals(0, commands.importDefinitions(new Import(data, file)), err());
        assertEquals("5 created, 0 updated, 0 unchanged\n", out());
        out.reset();
        assertEquals(0, commands.importDefinitions(new Import(data, file)), err());
        assertEquals("0 created, 0 updated, 5 unchanged\n", out());

        Files.writeString(file, "{\"folders\": [{\"id\": \"x\"}]}");
        assertEquals(1, commands.importDefinitions(new Import(data, file)));
        assertTrue(err().startsWith("airgap-server: " + file + " is not a valid import file: "), err());
        err.reset();
        assertEquals(1, commands.importDefinitions(new Import(data, dir.resolve("missing.json"))));
        assertEquals("airgap-server: " + dir.resolve("missing.json") + " does not exist\n", err());
    }

    @Test
    void importPrunesWhatTheFileNoLongerDefinesAfterADryRun() throws Exception {
        commands.init(new Init(data));
        assertEquals(0, commands.addUser(new AddUser(data, "anna", Role.TECHNICIAN), stdin("anna's passphrase\n")),
                err());
        Path file = dir.resolve("plant.json");
        Files.writeString(file, DOCUMENTED_IMPORT);
        assertEquals(0, commands.importDefinitions(new Import(data, file)), err());
        Files.writeString(file, "{\"folders\": [{\"id\": \"plant-nord\", \"name\": \"Plant Nord\", \"parentId\": null}]}");
        out.reset();
        assertEquals(0, commands.importDefinitions(new Import(data, file, true, true)), err());
        String preview = """
                unassign job job-plc-press-1 from anna
                remove job job-plc-press-1
                remove component plc-press-1
                remove folder press-line
                """;
        assertEquals(preview.lines().map(line -> "would " + line + "\n").reduce("", String::concat)
                + "Dry run, nothing changed: would have 0 created, 0 updated, 1 unchanged, 4 removed, 0 archived\n", out());
        out.reset();
        assertEquals(0, commands.importDefinitions(new Import(data, file, true, false)), err());
        assertEquals(preview + "0 created, 0 updated, 1 unchanged, 4 removed, 0 archived\n", out());
    }

    @Test
    void onARunningServerTheBootstrapCommandsSayToUseTheAdminCommands() throws Exception {
        commands.init(new Init(data));
        Path file = dir.resolve("plant.json");
        Files.writeString(file, DOCUMENTED_IMPORT);
        // The running server's database engine holds this lock on its file for as long as it runs.
        try (FileChannel database = FileChannel.open(data.resolve("db").resolve("airgap.mv.db"), StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock running = database.lock()) {
            err.reset();
            assertEquals(1, commands.addUser(new AddUser(data, "anna", Role.TECHNICIAN), stdin("anna's passphrase\n")));
            assertEquals("airgap-server: airgap-server is running on " + data + " (its database is in use), so user add"
                    + " cannot change it: on the running server use airgap admin users add anna --role technician as an"
                    + " administrator (airgap login --server URL --user NAME first; docs/administration.md). Bootstrap"
                    + " commands are for a stopped server.\n", err());
            err.reset();
            assertEquals(1, commands.importDefinitions(new Import(data, file)));
            assertTrue(err().contains("so import cannot change it: on the running server use the airgap admin commands"),
                    err());
            err.reset();
            assertEquals(1, commands.init(new Init(data)));
            assertTrue(err().contains("so init cannot change it: on the running server use the airgap admin commands"),
                    err());
        }
        err.reset();
        assertEquals(0, commands.addUser(new AddUser(data, "anna", Role.TECHNICIAN), stdin("anna's passphrase\n")),
                err());
    }

    @Test
    void commandsOnADirectoryWithoutServerIniSayHowToCreateIt() {
        assertEquals(1, commands.addUser(new AddUser(data, "tech1", Role.TECHNICIAN), stdin("pw\n")));
        assertTrue(err().contains("airgap-server init --data " + data), err());
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
