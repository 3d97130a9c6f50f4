package org.airgap.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysFileTest {

    @TempDir
    Path folder;

    @Test
    void theShippedStoreHoldsTheBuildsKey() throws IOException {
        List<PGPPublicKeyRing> rings = TrustedKeysFile.read(TestKeys.airgapPublicKey());
        assertEquals(1, rings.size());
        assertEquals(TestKeys.AIRGAP + " Airgap build TEST key - not for releases <airgap-test@invalid>",
                TrustedKeysFile.describe(rings.get(0)));
    }

    @Test
    void aMissingStoreTrustsNothing() throws IOException {
        assertEquals(List.of(), TrustedKeysFile.read(folder.resolve("etc/trusted-keys.asc")));
    }

    @Test
    void addAppendsNewKeysOnceAndKeepsTheOthers() throws IOException {
        Path store = folder.resolve("etc/trusted-keys.asc");
        Files.createDirectories(store.getParent());
        Files.copy(TestKeys.airgapPublicKey(), store);

        List<PGPPublicKeyRing> added = TrustedKeysFile.add(store, TestKeys.vendorPublicKey());
        assertEquals(List.of(TestKeys.VENDOR),
                added.stream().map(ring -> TrustedKeysFile.fingerprint(ring.getPublicKey())).toList());
        List<String> stored = TrustedKeysFile.read(store).stream()
                .map(ring -> TrustedKeysFile.fingerprint(ring.getPublicKey())).toList();
        assertEquals(List.of(TestKeys.AIRGAP, TestKeys.VENDOR), stored);

        String before = Files.readString(store);
        assertEquals(List.of(), TrustedKeysFile.add(store, TestKeys.vendorPublicKey()));
        assertEquals(before, Files.readString(store), "a key already trusted is not appended again");
    }

    @Test
    void aSecretKeyIsNeverStored() throws IOException {
        Path store = folder.resolve("etc/trusted-keys.asc");
        IOException refused = assertThrows(IOException.class,
                () -> TrustedKeysFile.add(store, TestKeys.vendorSecretKey()));
        assertTrue(refused.getMessage().contains("secret key"), refused.getMessage());
        assertFalse(Files.exists(store));
    }

    @Test
    void aFileWithoutKeysIsRefused() throws IOException {
        Path notAKey = Files.writeString(folder.resolve("notes.txt"), "hello\n");
        assertThrows(IOException.class, () -> TrustedKeysFile.add(folder.resolve("store.asc"), notAKey));
        Path empty = Files.writeString(folder.resolve("empty.asc"), "");
        assertThrows(IOException.class, () -> TrustedKeysFile.add(folder.resolve("store.asc"), empty));
        assertFalse(Files.exists(folder.resolve("store.asc")));
    }
}
