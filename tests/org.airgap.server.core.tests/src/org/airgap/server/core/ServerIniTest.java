package org.airgap.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerIniTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWrittenByInitLoadAsTheDocumentedDefaults() throws Exception {
        ServerIni.writeDefaults(dir.resolve("data"));
        ServerSettings settings = ServerIni.load(dir.resolve("data"));
        assertEquals(new ServerSettings(dir.resolve("data").toAbsolutePath(), "0.0.0.0", 8080, Duration.ofMinutes(120),
                Duration.ofHours(48), 600_000, 10L << 30), settings);
        assertEquals(LoginSettings.DEFAULTS, settings.login());
        assertEquals(new LoginSettings(12, 5, 10, Duration.ofMinutes(15)), LoginSettings.DEFAULTS);
        String text = Files.readString(settings.iniFile());
        assertTrue(text.contains("[Session]") && text.contains("idleTimeout = 120m") && text.contains("# "), text);
        assertEquals(Duration.ofDays(7), settings.partExpiry());
        assertEquals(40L << 30, settings.maxPendingBytesPerUser());
        assertTrue(text.contains("partExpiry = 7d") && text.contains("maxPendingBytesPerUser"), text);
    }

    @Test
    void uploadPartExpiryAndPendingLimitCanBeSet() throws Exception {
        write("[Upload]\nmaxUploadSize = 1g\npartExpiry = 12h\nmaxPendingBytesPerUser = 3g\n");
        ServerSettings settings = ServerIni.load(dir);
        assertEquals(Duration.ofHours(12), settings.partExpiry());
        assertEquals(3L << 30, settings.maxPendingBytesPerUser());
        write("[Upload]\nmaxUploadSize = 1g\n");
        assertEquals(4L << 30, ServerIni.load(dir).maxPendingBytesPerUser());
    }

    @Test
    void offlineLoginDaysOfTheClientSectionIsReadWithItsDefaultAndBounds() throws Exception {
        ServerIni.writeDefaults(dir.resolve("data"));
        assertTrue(Files.readString(dir.resolve("data").resolve("server.ini")).contains("[Client]\n"));
        assertEquals(30, ServerIni.offlineLoginDays(dir.resolve("data")));
        assertEquals(30, ServerIni.offlineLoginDays(dir.resolve("no-server-ini")));
        write("[client]\nOfflineLoginDays = 7\n");
        assertEquals(7, ServerIni.offlineLoginDays(dir));
        ServerIni.load(dir);
        for (String bad : List.of("0", "366", "30d", "")) {
            write("[Client]\nofflineLoginDays = " + bad + "\n");
            ServerIniException refused = assertThrows(ServerIniException.class, () -> ServerIni.load(dir), bad);
            assertTrue(refused.getMessage().endsWith("offlineLoginDays = '" + bad + "' is not a whole number from 1 to"
                    + " 365"), refused.getMessage());
            assertThrows(ServerIniException.class, () -> ServerIni.offlineLoginDays(dir), bad);
        }
    }

    @Test
    void anExistingServerIniIsNeverOverwritten() throws Exception {
        Files.writeString(dir.resolve("server.ini"), "[Server]\nport = 9000\n");
        assertThrows(FileAlreadyExistsException.class, () -> ServerIni.writeDefaults(dir));
        assertEquals(9000, ServerIni.load(dir).port());
    }

    @Test
    void everyKeyCanBeSetWithUnitsCommentsAndAnyCase() throws Exception {
        write("""
                ; comment
                [server]
                host=127.0.0.1
                PORT = 9443
                # comment
                [Session]
                idleTimeout = 90s
                maxSessionLength = 2d
                [Security]
                passwordIterations = 700000
                minPasswordLength = 16
                loginDelayAfter = 3
                LOGINLOCKAFTER = 6
                loginLockTime = 1h
                [Upload]
                maxUploadSize = 512k
                """);
        assertEquals(new ServerSettings(dir.toAbsolutePath(), "127.0.0.1", 9443, Duration.ofSeconds(90),
                Duration.ofDays(2), 700_000, 512L * 1024, new LoginSettings(16, 3, 6, Duration.ofHours(1))),
                ServerIni.load(dir));
        write("[Session]\nidleTimeout = 5m\n[Upload]\nmaxUploadSize = 3m\n");
        ServerSettings partial = ServerIni.load(dir);
        assertEquals(Duration.ofMinutes(5), partial.idleTimeout());
        assertEquals(3L << 20, partial.maxUploadBytes());
        assertEquals(8080, partial.port());
        assertEquals(Duration.ofHours(48), partial.maxSessionLength());
    }

    @Test
    void tlsIsHttpsOnTheGeneratedKeystoreUnlessServerIniNamesAnotherOrPlainHttp() throws Exception {
        ServerIni.writeDefaults(dir);
        Path data = dir.toAbsolutePath();
        assertEquals(new TlsSettings(data.resolve("tls/server.p12"), data.resolve("tls/server.p12.password"), false),
                ServerIni.load(dir).tls());
        assertTrue(ServerIni.load(dir).tls().isGenerated(data));
        assertTrue(Files.readString(dir.resolve("server.ini")).contains("[TLS]\n"));
        write("[TLS]\nkeystore = /etc/airgap/server.p12\nkeystorePasswordFile = own.password\n");
        assertEquals(new TlsSettings(Path.of("/etc/airgap/server.p12"), data.resolve("own.password"), false),
                ServerIni.load(dir).tls());
        assertFalse(ServerIni.load(dir).tls().isGenerated(data));
        write("[tls]\nPLAINHTTP = True\n");
        assertTrue(ServerIni.load(dir).tls().plainHttp());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [TLS]\\nplainHttp = yes                      | line 2: plainHttp = 'yes' is neither true nor false
            [TLS]\\nkeystore = my.p12                    | line 2: keystore = 'my.p12' needs keystorePasswordFile in [TLS] too
            [TLS]\\nkeystorePasswordFile = pw            | line 2: keystorePasswordFile = 'pw' needs keystore in [TLS] too
            [TLS]\\nkeystore =\\nkeystorePasswordFile = pw | line 2: keystore = '' is not a file path""")
    void aBadTlsLineIsRefusedNamingIt(String content, String expected) throws Exception {
        aBadLineIsRefusedNamingTheFileLineAndKey(content, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [Session]\\nidleTimeout = soon                 | line 2: idleTimeout = 'soon' is not a duration such as 90m or 2h
            [Session]\\n\\nmaxSessionLength = 48           | line 3: maxSessionLength = '48' is not a duration such as 90m or 2h
            [Session]\\nidleTimeout = 0m                   | line 2: idleTimeout = '0m' is not a duration such as 90m or 2h
            [Server]\\nport = 70000                        | line 2: port = '70000' is not a whole number from 1 to 65535
            [Server]\\nport = http                         | line 2: port = 'http' is not a whole number from 1 to 65535
            [Server]\\nhost =                              | line 2: host = '' is not an address
            [Security]\\npasswordIterations = 10000        | line 2: passwordIterations = '10000' is not a whole number of at least 600000
            [Security]\\nminPasswordLength = 0           | line 2: minPasswordLength = '0' is not a whole number from 1 to 1024
            [Security]\\nloginDelayAfter = 5\\nloginLockAfter = 4 | line 3: loginLockAfter = '4' is not a whole number from 5 to 1000
            [Security]\\nloginLockTime = forever         | line 2: loginLockTime = 'forever' is not a duration such as 90m or 2h
            [Upload]\\nmaxUploadSize = 10t                 | line 2: maxUploadSize = '10t' is not a size such as 512m or 10g
            [Server]\\nport = 80\\nport = 81               | line 3: port is given a second time (first at line 2)
            [Server]\\nportnumber = 80                     | line 2: unknown key portnumber in [Server]
            [Network]\\nport = 80                          | line 1: unknown section [Network]
            port = 80                                      | line 1: port comes before any section
            [Server]\\nport 80                             | line 2: 'port 80' is neither a [Section] nor a key = value line
            """)
    void aBadLineIsRefusedNamingTheFileLineAndKey(String content, String expected) throws Exception {
        write(content.replace("\\n", "\n"));
        ServerIniException refused = assertThrows(ServerIniException.class, () -> ServerIni.load(dir));
        assertTrue(refused.getMessage().startsWith(dir.toAbsolutePath().resolve("server.ini") + " " + expected),
                refused.getMessage());
    }

    @Test
    void aMissingDataDirectoryOrServerIniTellsHowToCreateIt() {
        Path missing = dir.resolve("nothing");
        assertEquals("the data directory " + missing + " does not exist: create it with airgap-server init --data "
                + missing, assertThrows(ServerIniException.class, () -> ServerIni.load(missing)).getMessage());
        String noIni = assertThrows(ServerIniException.class, () -> ServerIni.load(dir)).getMessage();
        assertTrue(noIni.contains("has no server.ini") && noIni.contains("airgap-server init --data " + dir), noIni);
    }

    private void write(String content) throws Exception {
        Files.writeString(dir.resolve("server.ini"), content, StandardCharsets.UTF_8);
    }
}
