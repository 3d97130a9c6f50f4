package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.AuditPage;
import org.airgap.protocol.Api;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.PublishedUpdates;
import org.airgap.protocol.Role;
import org.airgap.testing.server.P2RepositoryZips;
import org.junit.jupiter.api.Test;

/**
 * Client updates published on the server (issue 18, section 3): administrators of the whole plant publish a
 * p2 repository zip, every logged-in user reads it; a hostile or wrong zip is refused and the repository
 * published before stays served, unchanged.
 */
class UpdatesEndpointTest extends ServerTestBase {

    @Test
    void publishedRepositoryIsServedToLoggedInUsersAndAudited() throws Exception {
        PublishedUpdates published = publish(repositoryZip("0.2.0.v1")).expect(200)
                .as(PublishedUpdates.class);
        assertEquals(List.of(new PublishedUpdates.Feature(P2RepositoryZips.FEATURE, "0.2.0.v1", "Airgap Client")),
                published.features(), "only the group units are offered");
        assertEquals(Fixture.ADMIN, published.publishedBy());

        String alice = server.login(ALICE);
        PublishedUpdates seen = client.get(Api.UPDATES, alice).expect(200).as(PublishedUpdates.class);
        assertEquals(published.features(), seen.features());
        assertTrue(seen.files().stream().anyMatch(file -> file.path().equals(P2RepositoryZips.FEATURE_JAR)),
                seen.toString());
        assertArrayEquals("feature 0.2.0.v1".getBytes(StandardCharsets.UTF_8),
                client.get(Api.UPDATES_P2 + P2RepositoryZips.FEATURE_JAR, alice).expect(200).bytes());
        assertEquals(published, client.get(Api.ADMIN_UPDATES, admin).expect(200).as(PublishedUpdates.class));

        AuditPage audit = client.get(Api.ADMIN_AUDIT + "?action=" + UpdateArea.PUBLISH, admin).expect(200)
                .as(AuditPage.class);
        assertEquals(1, audit.entries().size(), audit.toString());
        assertTrue(audit.entries().get(0).details().contains(P2RepositoryZips.FEATURE + " 0.2.0.v1"), audit.toString());

        assertFalse(client.delete(Api.ADMIN_UPDATES, admin).expect(200).as(PublishedUpdates.class).published());
        assertFalse(client.get(Api.UPDATES, alice).expect(200).as(PublishedUpdates.class).published());
        client.get(Api.UPDATES_P2 + P2RepositoryZips.FEATURE_JAR, alice).expect(404);
    }

    @Test
    void downloadsNeedASession() throws Exception {
        publish(repositoryZip("0.2.0.v1")).expect(200);
        client.get(Api.UPDATES, null).expect(401);
        client.get(Api.UPDATES_P2 + P2RepositoryZips.FEATURE_JAR, null).expect(401);
        client.get(Api.UPDATES_P2 + "content.jar", "not-a-token").expect(401);
    }

    @Test
    void onlyAdministratorsOfTheWholePlantPublishOrWithdraw() throws Exception {
        publish(repositoryZip("0.1.0.v1")).expect(200);
        client.post(Api.ADMIN_USERS, admin, new NewUser("line-admin", Role.ADMIN, TestServer.PASSWORD,
                List.of("plant"))).expect(200);
        byte[] v2 = repositoryZip("0.2.0.v1");
        for (String caller : List.of(server.login(ALICE), server.login("line-admin"))) {
            client.put(Api.ADMIN_UPDATES, caller, BodyPublishers.ofByteArray(v2)).expect(403);
            client.delete(Api.ADMIN_UPDATES, caller).expect(403);
            client.get(Api.ADMIN_UPDATES, caller).expect(403);
        }
        assertServed("0.1.0.v1");
    }

    @Test
    void entriesOutsideTheRepositoryAreRefusedAndNothingIsReplaced() throws Exception {
        publish(repositoryZip("0.1.0.v1")).expect(200);
        for (String hostile : List.of("../escaped.jar", "plugins/../../escaped.jar", "/tmp/escaped.jar",
                "plugins\\..\\escaped.jar", "C:/escaped.jar")) {
            Map<String, byte[]> files = new LinkedHashMap<>(P2RepositoryZips.repository("0.2.0.v1"));
            files.put(hostile, new byte[] { 1 });
            String error = publish(P2RepositoryZips.zip(files)).expect(400).error().error();
            assertTrue(error.contains("escaped.jar") && error.contains("not a relative path"), error);
        }
        byte[] symlink = UpdateZips.withSymlink(P2RepositoryZips.repository("0.2.0.v1"), "plugins/link.jar",
                "/etc/passwd");
        assertTrue(publish(symlink).expect(400).error().error().contains("symbolic link"));
        assertFalse(Files.exists(data.resolve("escaped.jar")));
        assertFalse(Files.exists(data.resolve("updates").resolve("escaped.jar")));
        assertServed("0.1.0.v1");
        assertEquals(2, leftovers(), "only 'current' and the published repository are in the updates folder");
    }

    @Test
    void aZipThatIsNotAP2RepositoryIsRefusedAndNothingIsReplaced() throws Exception {
        publish(repositoryZip("0.1.0.v1")).expect(200);
        Map<String, byte[]> noContent = new LinkedHashMap<>(P2RepositoryZips.repository("0.2.0.v1"));
        noContent.remove("content.jar");
        Map<String, byte[]> noArtifacts = new LinkedHashMap<>(P2RepositoryZips.repository("0.2.0.v1"));
        noArtifacts.remove("artifacts.jar");
        Map<String, byte[]> entity = new LinkedHashMap<>(P2RepositoryZips.repository("0.2.0.v1"));
        // A DTD is refused as such (entity expansion bombs, external entities), even one that would parse.
        entity.put("content.jar", P2RepositoryZips.jar("content.xml", P2RepositoryZips.content("0.2.0.v1")
                .replace("<repository ", "<!DOCTYPE repository [<!ENTITY n 'Airgap Client'>]><repository ")
                .replace("value='Airgap Client'", "value='&n;'")));
        for (byte[] zip : List.of(P2RepositoryZips.zip(noContent), P2RepositoryZips.zip(noArtifacts),
                P2RepositoryZips.zip(entity),
                "not a zip".getBytes(StandardCharsets.UTF_8))) {
            String error = publish(zip).expect(400).error().error();
            assertTrue(error.contains("not a p2 repository") || error.contains("not a zip"), error);
        }
        assertServed("0.1.0.v1");
        assertEquals(2, leftovers());
    }

    @Test
    void aZipLargerThanServerIniAllowsIsRefused() throws Exception {
        publish(repositoryZip("0.1.0.v1")).expect(200);
        Files.writeString(data.resolve("server.ini"), "[Updates]\nmaxRepositorySize = 4k\n");
        Map<String, byte[]> large = new LinkedHashMap<>(P2RepositoryZips.repository("0.2.0.v1"));
        large.put("plugins/big.jar", new byte[64 * 1024]); // compresses below 4k, unpacks beyond it
        String error = publish(P2RepositoryZips.zip(large)).expect(413).error().error();
        assertTrue(error.contains("maxRepositorySize"), error);
        large.put("plugins/big.jar", Fixture.bytes(8 * 1024, 7)); // the zip itself is beyond it
        publish(P2RepositoryZips.zip(large)).expect(413);
        assertServed("0.1.0.v1");
    }

    private static byte[] repositoryZip(String version) throws Exception {
        return P2RepositoryZips.zip(P2RepositoryZips.repository(version));
    }

    private ApiClient.Reply publish(byte[] zip) throws Exception {
        return client.put(Api.ADMIN_UPDATES, admin, BodyPublishers.ofByteArray(zip));
    }

    private void assertServed(String version) throws Exception {
        String alice = server.login(ALICE);
        PublishedUpdates served = client.get(Api.UPDATES, alice).expect(200).as(PublishedUpdates.class);
        assertEquals(version, served.features().get(0).version(), served.toString());
        client.get(Api.UPDATES_P2 + "content.jar", alice).expect(200);
    }

    private long leftovers() throws Exception {
        try (var entries = Files.list(data.resolve("updates"))) {
            return entries.count();
        }
    }
}
