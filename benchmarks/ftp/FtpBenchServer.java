import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;

/**
 * The benchmark's FTP server: Apache MINA FtpServer on 127.0.0.1 and a free port, serving HOME read-only to
 * user "bench" (password "bench"). Writes the port to PORT_FILE once it listens and runs until killed.
 * Usage: java -cp ... FtpBenchServer HOME PORT_FILE
 */
public final class FtpBenchServer {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        Properties users = new Properties();
        users.setProperty("ftpserver.user.bench.userpassword", "bench");
        users.setProperty("ftpserver.user.bench.homedirectory", home.toString());
        users.setProperty("ftpserver.user.bench.enableflag", "true");
        users.setProperty("ftpserver.user.bench.writepermission", "false");
        users.setProperty("ftpserver.user.bench.maxloginnumber", "32");
        Path usersFile = Files.createTempFile("ftp-bench-users-", ".properties");
        usersFile.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(usersFile)) {
            users.store(out, "benchmark user");
        }
        PropertiesUserManagerFactory userManager = new PropertiesUserManagerFactory();
        userManager.setFile(usersFile.toFile());
        userManager.setPasswordEncryptor(new ClearTextPasswordEncryptor());

        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        data.setActiveEnabled(false);
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        listener.setIdleTimeout(60);
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxLogins(64);
        connections.setAnonymousLoginEnabled(false);

        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(userManager.createUserManager());
        factory.setConnectionConfig(connections.createConnectionConfig());
        factory.addListener("default", listener.createListener());
        factory.createServer().start();
        Path tmp = Files.createTempFile(portFile.toAbsolutePath().getParent(), "port-", ".tmp");
        Files.writeString(tmp, Integer.toString(factory.getListener("default").getPort()));
        Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
