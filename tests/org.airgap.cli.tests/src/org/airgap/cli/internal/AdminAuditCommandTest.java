package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.protocol.Role;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/** {@code airgap admin audit} and {@code airgap admin audit verify} against the real server over HTTPS. */
class AdminAuditCommandTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;
    private ServerFixture server;
    private Commands admin;

    @BeforeEach
    void start() throws Exception {
        serve();
        server.addUser("root", Role.ADMIN, PASSWORD);
        server.addUser("tech1", Role.TECHNICIAN, PASSWORD);
        admin = new Commands(temp.resolve("admin-workspace"));
        login(admin, "root");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            server.close();
        } finally {
            AirgapProcesses.end();
        }
    }

    private void serve() throws Exception {
        server = ServerFixture.startHttps("airgap-cli-audit-test", name -> name.startsWith("org.airgap.server"),
                temp.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
    }

    private void login(Commands workspace, String user) {
        assertExit(OK, workspace.airgapWithInput(PASSWORD + "\n", "login", "--server", server.uri().toString(),
                "--user", user, "--trust", server.fingerprint().value()));
    }

    @Test
    void listsFiltersAndVerifiesTheTrails() throws Exception {
        Result table = admin.airgap("admin", "audit");
        assertExit(OK, table);
        String[] lines = table.out().split("\n");
        assertTrue(lines[0].matches("TIME +USER +ACTION +SUBJECT +DETAILS"), table.out());
        assertTrue(lines[1].matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +root +LOGIN +- +SUCCEEDED from 127\\.0\\.0\\.1"),
                table.out());
        assertEquals("Trail server: 1 entry, chain intact", lines[2]);

        JsonObject json = admin.airgap("admin", "audit", "--json", "--source", "server").json();
        assertEquals("root", json.getAsJsonArray("entries").get(0).getAsJsonObject().get("user").getAsString());
        assertTrue(json.getAsJsonArray("trails").get(0).getAsJsonObject().get("intact").getAsBoolean());

        Result none = admin.airgap("admin", "audit", "--user", "nobody", "--action", "login");
        assertExit(OK, none);
        assertTrue(none.out().startsWith("No audit entries match.\nTrail server:"), none.out());

        Result badLimit = admin.airgap("admin", "audit", "--limit", "5000");
        assertExit(FAILED, badLimit);
        assertTrue(badLimit.err().contains("limit='5000' must be a whole number from 1 to 1000"), badLimit.err());

        Result verify = admin.airgap("admin", "audit", "verify");
        assertExit(OK, verify);
        assertEquals("Trail server: 1 entry, chain intact\n", verify.out());
        assertTrue(admin.airgap("admin", "audit", "verify", "--json").json().get("intact").getAsBoolean());

        AirgapProcesses.end(); // one workspace per airgap process
        Commands technician = new Commands(temp.resolve("tech-workspace"));
        login(technician, "tech1");
        Result refused = technician.airgap("admin", "audit");
        assertExit(FAILED, refused);
        assertTrue(refused.err().contains("administrators only: user tech1 is a technician"), refused.err());
    }

    @Test
    void verifyFailsWhenARowWasEditedInTheDatabase() throws Exception {
        Path database = server.settings().databaseFile();
        server.close();
        Properties user = new Properties();
        user.setProperty("user", "airgap");
        try (Connection connection = new org.h2.Driver().connect("jdbc:h2:file:" + database.toAbsolutePath(), user);
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE server_audit SET details = 'FAILED from 127.0.0.1' WHERE sequence = 1");
        }
        serve();
        login(admin, "root");
        Result verify = admin.airgap("admin", "audit", "verify");
        assertExit(FAILED, verify);
        assertTrue(verify.out().startsWith("Trail server: 2 entries, chain BROKEN at entry 1: entry 1 (LOGIN by root"),
                verify.out());
        assertTrue(verify.err().contains("hash chain is broken"), verify.err());
    }
}
