package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.NOT_PERMITTED;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.protocol.Role;
import org.airgap.testing.server.P2RepositoryZips;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airgap admin updates publish|list|withdraw} and {@code airgap update --from-server} against the real
 * server over HTTPS (installing itself needs a p2-managed product: releng/tests/product-tests.sh).
 */
class AdminUpdatesCommandTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;
    private ServerFixture server;

    @BeforeEach
    void start() throws Exception {
        server = ServerFixture.startHttps("airgap-cli-updates-test", name -> name.startsWith("org.airgap.server"),
                temp.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
        server.addUser("root", Role.ADMIN, PASSWORD);
        server.addUser("tech1", Role.TECHNICIAN, PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            server.close();
        } finally {
            AirgapProcesses.end();
        }
    }

    private Commands login(String user) {
        Commands workspace = new Commands(temp.resolve(user + "-workspace"));
        assertExit(OK, workspace.airgapWithInput(PASSWORD + "\n", "login", "--server", server.uri().toString(),
                "--user", user, "--trust", server.fingerprint().value()));
        return workspace;
    }

    @Test
    void administratorsPublishListAndWithdraw() throws Exception {
        Commands admin = login("root");
        Result none = admin.airgap("admin", "updates", "list");
        assertExit(OK, none);
        assertEquals("No client updates are published (airgap admin updates publish REPO.zip).\n", none.out());

        Path zip = Files.write(temp.resolve("repository.zip"),
                P2RepositoryZips.zip(P2RepositoryZips.repository("0.2.0.v20261207")));
        Result published = admin.airgap("admin", "updates", "publish", zip.toString());
        assertExit(OK, published);
        assertTrue(published.out().startsWith("Published repository.zip (4 files, "), published.out());
        assertTrue(published.out().matches("(?s).*\norg\\.airgap\\.client\\.feature +0\\.2\\.0\\.v20261207 +Airgap"
                + " Client\n"), published.out());

        Result list = admin.airgap("admin", "updates", "list");
        assertExit(OK, list);
        assertTrue(list.out().startsWith("Published by root at "), list.out());
        assertEquals("0.2.0.v20261207", admin.airgap("admin", "updates", "list", "--json").json()
                .getAsJsonArray("features").get(0).getAsJsonObject().get("version").getAsString());

        // The test runtime is not installed by p2: no installed feature is older than the server's.
        Result check = admin.airgap("update", "--from-server", "--check");
        assertExit(OK, check);
        assertTrue(check.out().endsWith("Airgap is up to date with them.\n"), check.out());

        Result notAZip = admin.airgap("admin", "updates", "publish", temp.resolve("missing.zip").toString());
        assertExit(CommandLineApplication.USAGE, notAZip);

        Result withdrawn = admin.airgap("admin", "updates", "withdraw");
        assertExit(OK, withdrawn);
        assertEquals("Withdrawn: the server offers no client updates now.\n", withdrawn.out());
        assertTrue(admin.airgap("update", "--from-server", "--check").out().contains("offers no client updates"));
    }

    @Test
    void techniciansNeitherPublishNorInstall() throws Exception {
        Commands technician = login("tech1");
        Path zip = Files.write(temp.resolve("repository.zip"),
                P2RepositoryZips.zip(P2RepositoryZips.repository("0.2.0.v20261207")));
        Result publish = technician.airgap("admin", "updates", "publish", zip.toString());
        assertExit(FAILED, publish);
        assertTrue(publish.err().contains("administrators only: user tech1 is a technician"), publish.err());

        Result update = technician.airgap("update", "--from-server");
        assertExit(NOT_PERMITTED, update);
        assertTrue(update.err().contains("user tech1 is a technician; ask an administrator"), update.err());
    }
}
