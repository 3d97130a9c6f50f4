package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.airgap.protocol.LaptopInfo;
import org.airgap.server.core.Laptops;
import org.airgap.server.core.RegisteredLaptop;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The laptops' keys behind {@code ServerRepository.laptops()}, on H2 and (the second run of this bundle's tests)
 * PostgreSQL: registration, its idempotence and refusals, listing, revocation, each change in the server's audit
 * trail; a refused registration stores nothing.
 */
class LaptopKeysTest {

    @TempDir
    Path dir;
    private H2ServerRepository repository;
    private Laptops laptops;

    @BeforeEach
    void open() throws Exception {
        repository = ServerFixtures.openWithPlant(dir.resolve("data"), Instant.parse("2026-03-02T10:00:00Z"));
        laptops = repository.laptops();
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    @Test
    void aLaptopRegistersOnceForEachUserAndIsRevokedForAll() throws Exception {
        String key = newKey();
        RegisteredLaptop first = laptops.register("tech1", "laptop-7", key);
        assertEquals(first, laptops.register("tech1", "laptop-7", key), "registering again is idempotent");
        laptops.register("tech2", "laptop-7", key);

        assertEquals(Optional.of(first), laptops.laptop("laptop-7", "tech1"));
        assertTrue(laptops.hasLaptop("tech2"));
        assertEquals(List.of("tech1", "tech2"), laptops.list().stream().map(LaptopInfo::user).toList());

        List<LaptopInfo> revoked = laptops.revoke("laptop-7", "admin");
        assertEquals(2, revoked.size());
        assertTrue(revoked.stream().allMatch(row -> row.revoked() != null && "admin".equals(row.revokedBy())));
        assertTrue(laptops.laptop("laptop-7", "tech1").orElseThrow().revoked());
        ServerException again = assertThrows(ServerException.class, () -> laptops.register("tech1", "laptop-7", key));
        assertEquals(Kind.CONFLICT, again.kind());
        assertTrue(again.getMessage().startsWith("laptop laptop-7 was revoked by admin at "), again.getMessage());

        assertEquals(List.of("LAPTOP_REGISTER", "LAPTOP_REGISTER", "LAPTOP_REVOKE"), repository.read(connection -> Jdbc
                .list(connection, "SELECT kind FROM server_audit WHERE kind LIKE 'LAPTOP%' ORDER BY sequence",
                        row -> row.getString(1))));
    }

    @Test
    void aMalformedIdOrKeyOrAChangedKeyIsRefusedAndNothingIsStored() throws Exception {
        laptops.register("tech1", "laptop-7", newKey());
        String ed448 = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic().getEncoded());

        assertRefused(Kind.BAD_REQUEST, "a laptop id is 1 to 100 letters, digits, '.', '_' or '-'",
                () -> laptops.register("tech2", "laptop 8", newKey()));
        assertRefused(Kind.BAD_REQUEST, "a laptop id is 1 to 100 letters, digits, '.', '_' or '-'",
                () -> laptops.register("tech2", "x".repeat(101), newKey()));
        assertRefused(Kind.BAD_REQUEST, "laptop laptop-8: the public key is not an Ed25519 key (base64 X.509): not"
                + " base64: ", () -> laptops.register("tech2", "laptop-8", "not*base64"));
        assertRefused(Kind.BAD_REQUEST, "laptop laptop-8: the public key is not an Ed25519 key (base64 X.509): ",
                () -> laptops.register("tech2", "laptop-8", ed448));
        assertRefused(Kind.BAD_REQUEST, "laptop laptop-8: the public key is not an Ed25519 key (base64 X.509): ",
                () -> laptops.register("tech2", "laptop-8", Base64.getEncoder().encodeToString(new byte[32])));
        // The same key spelt otherwise: a DER length in long form, base64 without its padding.
        byte[] encoded = Base64.getDecoder().decode(newKey());
        byte[] longForm = new byte[encoded.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(encoded, 1, longForm, 2, encoded.length - 1);
        for (String spelling : List.of(Base64.getEncoder().encodeToString(longForm),
                Base64.getEncoder().withoutPadding().encodeToString(encoded))) {
            assertRefused(Kind.BAD_REQUEST, "laptop laptop-8: the public key is not an Ed25519 key (base64 X.509): not in"
                    + " its canonical encoding (DER, base64 with padding, as the JDK writes it)",
                    () -> laptops.register("tech2", "laptop-8", spelling));
        }
        assertRefused(Kind.CONFLICT, "laptop laptop-7 is registered with another key: a laptop's key does not change",
                () -> laptops.register("tech2", "laptop-7", newKey()));
        assertRefused(Kind.NOT_FOUND, "no laptop 'laptop-8' is registered", () -> laptops.revoke("laptop-8", "admin"));

        assertEquals(1, laptops.list().size(), "only the first registration is stored");
        assertFalse(laptops.hasLaptop("tech2"));
    }

    private static void assertRefused(Kind kind, String messageStart, org.junit.jupiter.api.function.Executable call) {
        ServerException refused = assertThrows(ServerException.class, call);
        assertEquals(kind, refused.kind(), refused.getMessage());
        assertNotNull(refused.getMessage());
        assertTrue(refused.getMessage().startsWith(messageStart), refused.getMessage());
    }

    private static String newKey() throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
    }
}
