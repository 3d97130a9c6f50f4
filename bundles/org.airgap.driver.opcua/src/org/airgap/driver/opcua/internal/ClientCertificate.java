package org.airgap.driver.opcua.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.UUID;

import org.airgap.workspace.AtomicFile;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * Airgap's own OPC UA application certificate: created once per workspace (RSA 2048, self-signed, a
 * random application URI in its subject alternative names) and kept in a PKCS #12 file readable by its
 * owner only, so that a server administrator trusts it once. Servers with security need it; the
 * password of the file only satisfies the format, the file's permissions protect the key.
 */
record ClientCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri) {

    private static final String ALIAS = "airgap-opcua-client";
    private static final char[] STORE_PASSWORD = "airgap".toCharArray();

    /** The certificate in {@code file}, created there first when the file does not exist. */
    static synchronized ClientCertificate loadOrCreate(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, STORE_PASSWORD);
            }
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, STORE_PASSWORD);
            if (certificate == null || key == null) {
                throw new IOException(file + " holds no key '" + ALIAS + "': delete it to create a new client certificate");
            }
            String uri = CertificateUtil.getSanUri(certificate)
                    .orElseThrow(() -> new IOException(file + ": the certificate has no application URI"));
            return new ClientCertificate(new KeyPair(certificate.getPublicKey(), key), certificate, uri);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the OPC UA client certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate;
        try {
            certificate = new SelfSignedCertificateBuilder(keyPair).setCommonName("Airgap OPC UA client")
                    .setOrganization("Airgap").setApplicationUri("urn:airgap:opcua-client:" + UUID.randomUUID())
                    .addDnsName("localhost").build();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the client certificate: " + e.getMessage(), e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, STORE_PASSWORD);
        store.setKeyEntry(ALIAS, keyPair.getPrivate(), STORE_PASSWORD, new X509Certificate[] { certificate });
        Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, STORE_PASSWORD);
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        AtomicFile.write(folder.resolve(file.getFileName()), bytes.toByteArray(), ownerOnly);
    }
}
