package org.airgap.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.PublishedUpdates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerUpdateOfferTest {

    @TempDir
    Path target;

    @Test
    void onlyInstalledFeaturesInAHigherVersionAreOffered() {
        List<InstalledFeature> installed = List.of(new InstalledFeature("client", "0.1.0.v20261201", "Client"),
                new InstalledFeature("product", "0.1.0.v20261201", "Product"),
                new InstalledFeature("driver", "1.0.0", "Driver"));
        PublishedUpdates offered = published(new PublishedUpdates.Feature("client", "0.2.0.v20261207", "Client"),
                new PublishedUpdates.Feature("product", "0.1.0.v20261207", "Product"),
                new PublishedUpdates.Feature("driver", "0.9.0", "Driver"),
                new PublishedUpdates.Feature("other", "9.0.0", "Other"),
                new PublishedUpdates.Feature("broken", "not-a-version", "Broken"));
        assertEquals(List.of("client 0.1.0.v20261201 \u2192 0.2.0.v20261207",
                "product 0.1.0.v20261201 \u2192 0.1.0.v20261207"), ServerUpdateOffer.newer(installed, offered));
        assertEquals(List.of(), ServerUpdateOffer.newer(installed, published(installed.stream()
                .map(f -> new PublishedUpdates.Feature(f.id(), f.version(), f.name()))
                .toArray(PublishedUpdates.Feature[]::new))));
    }

    @Test
    void copiesTheListedFilesAndChecksThem() throws Exception {
        Map<String, byte[]> server = Map.of("content.jar", bytes("content"), "plugins/a_1.0.0.jar", bytes("a"));
        List<PublishedUpdates.File> files = List.of(file("content.jar", server), file("plugins/a_1.0.0.jar", server));
        ServerUpdateOffer.copy(files, path -> new ByteArrayInputStream(server.get(path)), target);
        assertArrayEquals(bytes("a"), Files.readAllBytes(target.resolve("plugins/a_1.0.0.jar")));
    }

    @Test
    void refusesFilesThatAreNotWhatTheServerListed() throws Exception {
        Map<String, byte[]> server = Map.of("content.jar", bytes("content"));
        PublishedUpdates.File listed = file("content.jar", server);
        IOException changed = assertThrows(IOException.class, () -> ServerUpdateOffer.copy(List.of(listed),
                path -> new ByteArrayInputStream(bytes("tampered")), target));
        assertTrue(changed.getMessage().contains("content.jar"), changed.getMessage());
        for (String hostile : List.of("../evil.jar", "plugins/../../evil.jar", "/etc/evil", "a\\b")) {
            PublishedUpdates.File file = new PublishedUpdates.File(hostile, 1, listed.sha256());
            assertThrows(IOException.class, () -> ServerUpdateOffer.copy(List.of(file),
                    path -> new ByteArrayInputStream(new byte[1]), target.resolve("sub")), hostile);
        }
        assertTrue(Files.notExists(target.resolve("evil.jar")));
    }

    private static PublishedUpdates published(PublishedUpdates.Feature... features) {
        return new PublishedUpdates(java.time.Instant.EPOCH, "admin", "0".repeat(64), 0, List.of(features), List.of());
    }

    private static PublishedUpdates.File file(String path, Map<String, byte[]> server) throws Exception {
        byte[] content = server.get(path);
        return new PublishedUpdates.File(path, content.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
