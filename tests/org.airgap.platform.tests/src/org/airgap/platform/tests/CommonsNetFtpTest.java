package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.airgap.testing.drivers.FtpTestUsers;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commons Net's FTPClient against an Apache MINA FtpServer on loopback, as an FTP device driver will
 * talk to a PLC or HMI: log in, passive mode, binary type, list a folder, download a file.
 */
@Timeout(30)
class CommonsNetFtpTest {

    private static final String USER = "technician";
    private static final String PASSWORD = "s3cret";
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path dir;

    private FtpServer server;
    private int port;
    private byte[] program;

    @BeforeEach
    void startServer() throws IOException, FtpException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path plc = Files.createDirectories(home.resolve("plc"));
        // Every byte value, CR LF among them: an ASCII-mode transfer would change the content.
        program = new byte[3 * 256];
        for (int i = 0; i < program.length; i++) {
            program[i] = (byte) i;
        }
        Files.write(plc.resolve("program.bin"), program);
        Files.writeString(plc.resolve("config.txt"), "speed=1200\n");

        UserManager users = FtpTestUsers.readOnlyUser(USER, PASSWORD, home, dir.resolve("users.properties"));

        DataConnectionConfigurationFactory dataConnections = new DataConnectionConfigurationFactory();
        dataConnections.setPassiveAddress("127.0.0.1");
        dataConnections.setActiveEnabled(false);

        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0); // any free port; the listener reports the bound one after start
        listener.setIdleTimeout(30);
        listener.setDataConnectionConfiguration(dataConnections.createDataConnectionConfiguration());

        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(users);
        factory.addListener("default", listener.createListener());
        server = factory.createServer();
        server.start();
        port = factory.getListener("default").getPort();
        assertTrue(port > 0, "FTP server bound to port " + port);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void listAndRetrieveInPassiveBinaryMode() throws IOException {
        FTPClient ftp = newClient();
        try {
            assertTrue(ftp.login(USER, PASSWORD), ftp.getReplyString());
            ftp.enterLocalPassiveMode();
            assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE), ftp.getReplyString());

            FTPFile[] listing = ftp.listFiles("/plc");
            assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()), ftp.getReplyString());
            Map<String, Long> sizes = new TreeMap<>();
            Arrays.stream(listing).forEach(f -> sizes.put(f.getName(), f.getSize()));
            assertEquals(Map.of("config.txt", 11L, "program.bin", (long) program.length), sizes);
            assertTrue(Arrays.stream(listing).allMatch(FTPFile::isFile), Arrays.toString(listing));

            ByteArrayOutputStream content = new ByteArrayOutputStream();
            assertTrue(ftp.retrieveFile("/plc/program.bin", content), ftp.getReplyString());
            assertArrayEquals(program, content.toByteArray());

            ByteArrayOutputStream config = new ByteArrayOutputStream();
            assertTrue(ftp.retrieveFile("plc/config.txt", config), ftp.getReplyString());
            assertEquals("speed=1200\n", config.toString(StandardCharsets.US_ASCII));

            assertTrue(ftp.logout(), ftp.getReplyString());
        } finally {
            ftp.disconnect();
        }
    }

    @Test
    void wrongPasswordIsRefused() throws IOException {
        FTPClient ftp = newClient();
        try {
            assertFalse(ftp.login(USER, "guess"));
            assertEquals(530, ftp.getReplyCode(), ftp.getReplyString());
        } finally {
            ftp.disconnect();
        }
    }

    private FTPClient newClient() throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(TIMEOUT_MILLIS);
        ftp.setDefaultTimeout(TIMEOUT_MILLIS);
        ftp.setDataTimeout(Duration.ofMillis(TIMEOUT_MILLIS));
        ftp.connect("127.0.0.1", port);
        assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()), ftp.getReplyString());
        ftp.setSoTimeout(TIMEOUT_MILLIS);
        return ftp;
    }
}
