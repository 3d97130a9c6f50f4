package org.airgap.server.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.airgap.protocol.CertificateFingerprint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's generated TLS keystore, as init writes it and the server and its fixture load it. */
class ServerKeystoreTest {

    @TempDir
    Path dir;

    @Test
    void initGeneratesAnEcKeyAndASelfSignedCertificateForThisMachineValidTenYears() throws Exception {
        TlsSettings tls = TlsSettings.generated(dir);
        ServerKeystore created = ServerKeystore.create(tls.keystore(), tls.passwordFile(), List.of("airgap.plant.example",
                "10.1.2.3"));
        X509Certificate certificate = created.certificate();
        certificate.verify(certificate.getPublicKey());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        ECPublicKey key = (ECPublicKey) certificate.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertTrue(validity.toDays() >= 3652 && validity.toDays() <= 3653, validity.toString());
        assertTrue(certificate.getNotBefore().toInstant().isBefore(Instant.now().minus(Duration.ofHours(23))),
                "backdated for laptops whose clock is behind");
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
        for (String expected : List.of("localhost", "127.0.0.1", "airgap.plant.example", "10.1.2.3")) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        assertTrue(names.stream().anyMatch(name -> name.equals("0:0:0:0:0:0:0:1")), "::1 in " + names);
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "server authentication");
        assertEquals(CertificateFingerprint.of(certificate), created.fingerprint());

        ServerKeystore loaded = ServerKeystore.load(tls.keystore(), tls.passwordFile());
        assertEquals(certificate, loaded.certificate());
        assertEquals(created.password(), loaded.password());
        assertTrue(created.password().length() >= 32, "a random password of 24 bytes");
        KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(tls.keystore())) {
            pkcs12.load(in, created.password().toCharArray());
        }
        assertTrue(pkcs12.isKeyEntry(ServerKeystore.ALIAS));
    }

    @Test
    void theKeystoreAndItsPasswordArePrivateToTheServersAccount() throws Exception {
        Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        TlsSettings tls = TlsSettings.generated(dir);
        ServerKeystore.create(tls.keystore(), tls.passwordFile(), List.of());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.keystore().getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.keystore())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.passwordFile())));
        try (var files = Files.list(tls.keystore().getParent())) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void eachKeystoreHasItsOwnKeyAndAnExistingOneIsNeverOverwritten() throws Exception {
        ServerKeystore first = ServerKeystore.create(dir.resolve("a.p12"), dir.resolve("a.pw"), List.of());
        ServerKeystore second = ServerKeystore.create(dir.resolve("b.p12"), dir.resolve("b.pw"), List.of());
        assertNotEquals(first.fingerprint(), second.fingerprint());
        assertNotEquals(first.password(), second.password());
        byte[] before = Files.readAllBytes(dir.resolve("a.p12"));
        assertThrows(FileAlreadyExistsException.class,
                () -> ServerKeystore.create(dir.resolve("a.p12"), dir.resolve("a.pw"), List.of()));
        assertEquals(first.fingerprint(), ServerKeystore.load(dir.resolve("a.p12"), dir.resolve("a.pw")).fingerprint());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("a.p12")));
    }

    @Test
    void aKeystoreThatCannotServeIsRefusedNamingTheFileAndWhatIsWrong() throws Exception {
        ServerKeystore good = ServerKeystore.create(dir.resolve("server.p12"), dir.resolve("pw"), List.of());
        String missing = assertThrows(IOException.class,
                () -> ServerKeystore.load(dir.resolve("none.p12"), dir.resolve("pw"))).getMessage();
        assertTrue(missing.contains("none.p12 does not exist"), missing);
        String noPassword = assertThrows(IOException.class,
                () -> ServerKeystore.load(dir.resolve("server.p12"), dir.resolve("nopw"))).getMessage();
        assertTrue(noPassword.contains("password file " + dir.resolve("nopw") + " does not exist"), noPassword);
        Files.writeString(dir.resolve("wrong"), "not-the-password\n");
        String wrong = assertThrows(IOException.class,
                () -> ServerKeystore.load(dir.resolve("server.p12"), dir.resolve("wrong"))).getMessage();
        assertTrue(wrong.contains("cannot be opened as a PKCS#12 keystore with the password in " + dir.resolve("wrong")),
                wrong);
        Files.writeString(dir.resolve("empty"), "\n");
        assertTrue(assertThrows(IOException.class,
                () -> ServerKeystore.load(dir.resolve("server.p12"), dir.resolve("empty"))).getMessage().contains("is empty"));

        // An administrator's keystore with two keys: which one to serve would be a guess.
        KeyStore two = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("server.p12"))) {
            two.load(in, good.password().toCharArray());
        }
        ServerKeystore other = ServerKeystore.create(dir.resolve("other.p12"), dir.resolve("other.pw"), List.of());
        KeyStore otherStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("other.p12"))) {
            otherStore.load(in, other.password().toCharArray());
        }
        two.setKeyEntry("second", otherStore.getKey(ServerKeystore.ALIAS, other.password().toCharArray()),
                good.password().toCharArray(), new Certificate[] { other.certificate() });
        try (OutputStream out = Files.newOutputStream(dir.resolve("two.p12"))) {
            two.store(out, good.password().toCharArray());
        }
        String twoKeys = assertThrows(IOException.class,
                () -> ServerKeystore.load(dir.resolve("two.p12"), dir.resolve("pw"))).getMessage();
        assertTrue(twoKeys.contains("holds 2 keys"), twoKeys);
    }

    @Test
    void certificateNamesAreHostNamesOrAddresses() {
        for (String name : List.of("airgap", "airgap.plant.example", "10.0.0.7", "fe80::1", "*.plant.example")) {
            assertTrue(ServerKeystore.isValidName(name), name);
        }
        for (String name : List.of("", "two words", "a/b", "-leading.example", "x".repeat(254))) {
            assertFalse(ServerKeystore.isValidName(name), name);
        }
    }
}
