package org.airgap.demo.internal.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/** The key pair and self-signed certificate of a {@link MachineServer}, for 127.0.0.1. */
public record MachineCertificate(KeyPair keyPair, X509Certificate certificate) {

    private static final char[] STORE_PASSWORD = "airgap-demo".toCharArray();
    private static final String ALIAS = "machine";

    /** A new key pair and certificate: a device set up anew (or a renewed certificate). */
    public static MachineCertificate generate(String commonName, String applicationUri) throws Exception {
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair).setCommonName(commonName)
                .setApplicationUri(applicationUri).addIpAddress("127.0.0.1").build();
        return new MachineCertificate(keyPair, certificate);
    }

    /**
     * The certificate kept in {@code file} (PKCS#12), generated and saved there the first time: a restarted
     * device keeps its certificate, so a client that pinned it still trusts it.
     */
    public static MachineCertificate loadOrCreate(Path file, String commonName, String applicationUri) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, STORE_PASSWORD);
            }
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, STORE_PASSWORD);
            if (certificate == null || key == null) {
                throw new IOException(file + " holds no '" + ALIAS + "' key: delete it for a new certificate");
            }
            return new MachineCertificate(new KeyPair(certificate.getPublicKey(), key), certificate);
        }
        MachineCertificate created = generate(commonName, applicationUri);
        created.save(file, store);
        return created;
    }

    private void save(Path file, KeyStore store) throws IOException, GeneralSecurityException {
        store.load(null, null);
        store.setKeyEntry(ALIAS, keyPair.getPrivate(), STORE_PASSWORD, new Certificate[] { certificate });
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD);
        }
    }
}
