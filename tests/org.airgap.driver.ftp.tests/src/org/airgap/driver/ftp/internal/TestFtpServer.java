package org.airgap.driver.ftp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.FtpTestUsers;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;

/**
 * An Apache MINA FtpServer on 127.0.0.1 and a free port serving one folder to one user, optionally with
 * explicit TLS, as a robot controller or HMI panel would.
 */
final class TestFtpServer implements AutoCloseable {

    static final String USER = "technician";
    static final String PASSWORD = "s3cret-Pa55";
    static final String KEYSTORE_PASSWORD = "keystore-secret";

    private final FtpServer server;
    private final int port;

    private TestFtpServer(FtpServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * @param keystore a PKCS12 keystore for explicit TLS (see {@link #createKeystore}), or {@code null}
     * @param ftplets  hooks into the server's command handling, e.g. to hide features
     */
    static TestFtpServer start(Path home, Path work, Path keystore, Map<String, Ftplet> ftplets)
            throws IOException, FtpException {
        return start(home, work, keystore, ftplets, false);
    }

    /** @param activeMode whether the server also connects back to clients (active mode, PORT) */
    static TestFtpServer start(Path home, Path work, Path keystore, Map<String, Ftplet> ftplets, boolean activeMode)
            throws IOException, FtpException {
        UserManager users = FtpTestUsers.readOnlyUser(USER, PASSWORD, home,
                Files.createTempFile(work, "users-", ".properties"));

        DataConnectionConfigurationFactory dataConnections = new DataConnectionConfigurationFactory();
        dataConnections.setPassiveAddress("127.0.0.1");
        dataConnections.setActiveEnabled(activeMode);
        dataConnections.setActiveLocalAddress("127.0.0.1");

        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        listener.setIdleTimeout(30);
        if (keystore != null) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keystore.toFile());
            ssl.setKeystoreType("PKCS12");
            ssl.setKeystorePassword(KEYSTORE_PASSWORD);
            ssl.setKeyPassword(KEYSTORE_PASSWORD);
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
            dataConnections.setSslConfiguration(ssl.createSslConfiguration());
        }
        listener.setDataConnectionConfiguration(dataConnections.createDataConnectionConfiguration());

        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(users);
        factory.addListener("default", listener.createListener());
        factory.setFtplets(new LinkedHashMap<>(ftplets));
        FtpServer server = factory.createServer();
        server.start();
        return new TestFtpServer(server, factory.getListener("default").getPort());
    }

    /** The FTP driver service, its bundle started as a product starts a lazy bundle. */
    static DeviceDriver driver() throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(FtpDriver.class);
        if ((bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            bundle.start(Bundle.START_ACTIVATION_POLICY);
        }
        return DriverTestKit.driver("ftp");
    }

    int port() {
        return port;
    }

    void stop() {
        server.stop();
    }

    @Override
    public void close() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    /** A self-signed EC certificate for 127.0.0.1 in a new PKCS12 keystore, made by the JDK's keytool. */
    static Path createKeystore(Path folder, String alias) throws IOException, InterruptedException {
        Path keystore = folder.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1, O=Airgap test", "-validity", "2", "-storetype",
                "PKCS12", "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass",
                KEYSTORE_PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return keystore;
    }

    /** The SHA-256 fingerprint (64 hex digits) of the keystore's certificate. */
    static String fingerprint(Path keystore, String alias) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        return CertificateCheck.fingerprint((X509Certificate) store.getCertificate(alias));
    }
}
