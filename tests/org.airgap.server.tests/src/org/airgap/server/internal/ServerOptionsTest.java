package org.airgap.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.Role;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.internal.ServerOptions.AddUser;
import org.airgap.server.internal.ServerOptions.Fingerprint;
import org.airgap.server.internal.ServerOptions.Import;
import org.airgap.server.internal.ServerOptions.Init;
import org.airgap.server.internal.ServerOptions.Serve;
import org.airgap.server.internal.ServerOptions.UsageException;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    private static final Path DATA = Path.of("/srv/airgap");
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @Test
    void runningTakesTheDataDirectoryAndLeavesHostPortAndLogToServerIni() throws Exception {
        assertEquals(new Serve(DATA, null, null, null), parse("--data", "/srv/airgap"));
        assertEquals(new Serve(DATA, "127.0.0.1", 9090, Path.of("/var/log/airgap.log")),
                parse("--port", "9090", "--host", "127.0.0.1", "--data", "/srv/airgap/", "--log", "/var/log/airgap.log"));
    }

    @Test
    void theCommandLineOverridesServerIniForHostAndPortOnly() {
        ServerSettings fromIni = new ServerSettings(DATA, "0.0.0.0", 8080, Duration.ofMinutes(5), Duration.ofHours(1),
                700_000, 1024);
        assertEquals(fromIni, ServerApplication.withCommandLine(fromIni, new Serve(DATA, null, null, null)));
        assertEquals(new ServerSettings(DATA, "127.0.0.1", 9443, Duration.ofMinutes(5), Duration.ofHours(1), 700_000,
                1024), ServerApplication.withCommandLine(fromIni, new Serve(DATA, "127.0.0.1", 9443, null)));
    }

    @Test
    void theDataDirectoryComesFromTheEnvironmentWhenNotGiven() throws Exception {
        Map<String, String> environment = Map.of(ServerOptions.DATA_ENVIRONMENT, "/srv/airgap");
        assertEquals(new Serve(DATA, null, 8081, null), ServerOptions.parse(List.of("--port", "8081"), environment));
        assertEquals(new Init(Path.of("/elsewhere")),
                ServerOptions.parse(List.of("init", "--data", "/elsewhere"), environment));
        assertEquals("no data directory: give --data DIR or set AIRGAP_SERVER_DATA (create one with airgap-server"
                + " init --data DIR)", refused());
        assertEquals(refused(), assertThrows(UsageException.class,
                () -> ServerOptions.parse(List.of(), Map.of(ServerOptions.DATA_ENVIRONMENT, " "))).getMessage());
    }

    @Test
    void administrationCommands() throws Exception {
        assertEquals(new Init(DATA), parse("init", "--data", "/srv/airgap"));
        assertEquals(new Fingerprint(DATA), parse("fingerprint", "--data", "/srv/airgap"));
        assertEquals(new Fingerprint(DATA, true), parse("fingerprint", "--signing-key", "--data", "/srv/airgap"));
        assertEquals(new AddUser(DATA, "tech1", Role.TECHNICIAN),
                parse("user", "add", "tech1", "--role", "technician", "--data", "/srv/airgap"));
        assertEquals(new AddUser(DATA, "boss", Role.ADMIN), parse("--data", "/srv/airgap", "user", "add", "boss",
                "--role", "Admin"));
        assertEquals(new Import(DATA, Path.of("/tmp/plant.json")), parse("import", "/tmp/plant.json", "--data",
                "/srv/airgap"));
        assertEquals(new Import(DATA, Path.of("/tmp/plant.json"), true, true), parse("import", "--prune", "/tmp/plant.json",
                "--dry-run", "--data", DATA.toString()));
    }

    @Test
    void badCommandsAreRefusedNamingTheProblem() {
        assertEquals("user add needs --role technician or --role admin", refused("user", "add", "tech1"));
        assertEquals("--role: unknown role 'boss': use technician or admin",
                refused("user", "add", "tech1", "--role", "boss"));
        assertEquals("user add needs the user's NAME", refused("user", "add", "--role", "admin"));
        assertEquals("user add takes one NAME, not 'tech2'", refused("user", "add", "tech1", "tech2", "--role", "admin"));
        assertEquals("'user' needs 'add': airgap-server user add NAME --role technician|admin", refused("user", "del"));
        assertEquals("import needs the FILE.json to import", refused("import"));
        assertEquals("import takes one FILE.json, not 'b.json'", refused("import", "a.json", "b.json"));
        assertEquals("init takes no other argument, not 'now'", refused("init", "now"));
        assertEquals("unknown command 'start'", refused("start"));
        assertEquals("--port is for running the server, not for 'init'", refused("init", "--port", "9000"));
        assertEquals("--role is for 'user add'", refused("import", "x.json", "--role", "admin"));
        assertEquals("", refused("--help"));
    }

    @Test
    void theUsageIsThatOfTheCommandConcerned() {
        String root = assertThrows(UsageException.class, () -> parse("--help")).usage();
        assertTrue(root.startsWith("Usage: airgap-server "), root);
        for (String option : List.of("--data=DIR", "--port=N", "--host=ADDRESS", "--log=FILE")) {
            assertTrue(root.contains(option), option + " in\n" + root);
        }
        for (String command : List.of("init", "user", "import")) {
            assertTrue(root.contains("\n  " + command + " "), command + " in\n" + root);
        }
        assertTrue(root.contains("Exit codes:\n  0   done\n  1   failed (the message says why)\n  2   bad command line"),
                root);
        String userAdd = assertThrows(UsageException.class, () -> parse("user", "add", "tech1")).usage();
        assertTrue(userAdd.startsWith("Usage: airgap-server user add "), userAdd);
        assertTrue(userAdd.contains("--role=technician|admin"), userAdd);
    }

    @Test
    void badPortIsRefusedWithAMessageThatNamesIt() {
        assertEquals("--port must be a number from 1 to 65535, not 'http'", refused("--port", "http"));
        assertEquals("--port must be a number from 1 to 65535, not '70000'", refused("--port", "70000"));
    }

    @Test
    void missingValueAndUnknownArgumentsAreRefused() {
        assertEquals("--port needs a value", refused("--port"));
        assertEquals("--port needs a value", refused("--port", "--host", "x"));
        assertEquals("--data needs a value", refused("--data"));
        assertEquals("unknown argument '--verbose'", refused("--verbose", "--data", "/srv"));
    }

    private static Object parse(String... args) throws UsageException {
        return ServerOptions.parse(List.of(args), NO_ENVIRONMENT);
    }

    private static String refused(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }
}
