package org.airgap.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS keystores for tests, made with the JDK's own {@code keytool} (PKCS#12, EC P-256): a self-signed
 * server certificate for {@code localhost} and {@code 127.0.0.1}, or a test authority and a server
 * certificate it signed. The product makes its keystores otherwise; these are independent of it.
 */
public final class TestCertificates {

    /** The password of every keystore made here (keystore and key). */
    public static final String PASSWORD = "test-password";
    /** The alias of the server's key in its keystore. */
    public static final String SERVER_ALIAS = "server";
    /** The host names the server certificates are valid for. */
    public static final String SAN = "SAN=dns:localhost,ip:127.0.0.1";

    private TestCertificates() {
    }

    /** A new keystore {@code name}.p12 in {@code folder} with a self-signed server certificate. */
    public static Path selfSigned(Path folder, String name) throws IOException {
        Path keystore = folder.resolve(name + ".p12");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-alias", SERVER_ALIAS, "-dname", "CN=" + name,
                "-ext", SAN);
        return keystore;
    }

    /**
     * A test authority {@code authority}.p12 (its key and certificate) and a keystore {@code name}.p12 whose
     * server certificate the authority signed (the chain: server, authority).
     *
     * @return the server's keystore; {@link #authority(Path, String)} finds the authority's beside it
     */
    public static Path signedBy(Path folder, String authority, String name) throws IOException {
        Path ca = folder.resolve(authority + ".p12");
        if (!Files.exists(ca)) {
            keytool("-genkeypair", "-keystore", ca.toString(), "-alias", "ca", "-dname", "CN=" + authority,
                    "-ext", "BC:c=ca:true", "-ext", "KU:c=keyCertSign,cRLSign");
        }
        Path caCert = folder.resolve(authority + ".crt");
        keytool("-exportcert", "-rfc", "-keystore", ca.toString(), "-alias", "ca", "-file", caCert.toString());
        Path keystore = folder.resolve(name + ".p12");
        Path request = folder.resolve(name + ".csr");
        Path signed = folder.resolve(name + ".crt");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-alias", SERVER_ALIAS, "-dname", "CN=" + name);
        keytool("-certreq", "-keystore", keystore.toString(), "-alias", SERVER_ALIAS, "-file", request.toString());
        keytool("-gencert", "-rfc", "-keystore", ca.toString(), "-alias", "ca", "-infile", request.toString(),
                "-outfile", signed.toString(), "-ext", SAN, "-ext", "EKU=serverAuth");
        keytool("-importcert", "-noprompt", "-keystore", keystore.toString(), "-alias", "ca", "-file",
                caCert.toString());
        keytool("-importcert", "-keystore", keystore.toString(), "-alias", SERVER_ALIAS, "-file", signed.toString());
        return keystore;
    }

    /** A trust store holding only the authority {@link #signedBy} made in {@code folder}. */
    public static KeyStore authority(Path folder, String authority) throws IOException, GeneralSecurityException {
        KeyStore ca = load(folder.resolve(authority + ".p12"));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.getCertificate("ca"));
        return trust;
    }

    /** The server certificate chain of a keystore made here. */
    public static X509Certificate[] chain(Path keystore) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        for (java.security.cert.Certificate certificate : load(keystore).getCertificateChain(SERVER_ALIAS)) {
            chain.add((X509Certificate) certificate);
        }
        return chain.toArray(X509Certificate[]::new);
    }

    public static KeyStore load(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD));
        if (arguments[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30", "-storetype", "PKCS12",
                    "-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}
