package org.airgap.server.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code [Database]} of server.ini: PostgreSQL for the metadata, H2 without it (docs/scale-out.md). */
class DatabaseSettingsTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheSectionOrWithoutServerIniTheMetadataStaysInH2() throws Exception {
        assertEquals(Optional.empty(), ServerIni.database(dir), "no server.ini: settings made in code");
        ServerIni.writeDefaults(dir);
        assertEquals(Optional.empty(), ServerIni.database(dir), "the defaults name no database");
        assertTrue(Files.readString(dir.resolve("server.ini")).contains("[Database]\n"), "documented in the file");
        ServerIni.load(dir);
    }

    @Test
    void urlUserAndPasswordFileNamePostgresqlAndThePasswordIsTheFilesFirstLine() throws Exception {
        write("[Database]\nurl = jdbc:postgresql://db.example:5432/airgap?sslmode=verify-full\nUser = airgap\n"
                + "passwordFile = secrets/db.password\n");
        DatabaseSettings database = ServerIni.database(dir).orElseThrow();
        assertEquals(new DatabaseSettings("jdbc:postgresql://db.example:5432/airgap?sslmode=verify-full", "airgap",
                dir.toAbsolutePath().resolve("secrets/db.password")), database);
        assertEquals("jdbc:postgresql://db.example:5432/airgap", database.displayUrl());
        ServerIni.load(dir); // checked at start like every key

        IOException missing = assertThrows(IOException.class, database::readPassword);
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/db.password"), "\n", StandardCharsets.UTF_8);
        assertTrue(assertThrows(IOException.class, database::readPassword).getMessage().contains("is empty"));
        Files.writeString(dir.resolve("secrets/db.password"), " s3cret \nsecond line\n", StandardCharsets.UTF_8);
        assertArrayEquals("s3cret".toCharArray(), database.readPassword());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [Database]\\nurl = jdbc:postgresql://h/db                          | line 2: [Database] needs url, user and passwordFile
            [Database]\\nuser = airgap\\npasswordFile = pw                     | line 2: [Database] needs url, user and passwordFile
            [Database]\\nurl = jdbc:h2:file:/tmp/x\\nuser = a\\npasswordFile = pw | line 2: url is not a PostgreSQL JDBC URL
            [Database]\\nurl = jdbc:postgresql://h:5432\\nuser = a\\npasswordFile = pw | line 2: url must name the database after the host
            [Database]\\nurl = jdbc:postgresql://a:pw@h/db\\nuser = a\\npasswordFile = pw | line 2: url must name the host without a user or password
            [Database]\\nurl = jdbc:postgresql://h/db?password=pw\\nuser = a\\npasswordFile = pw | line 2: url must not carry the user or password
            [Database]\\nurl = jdbc:postgresql://h/db\\nuser = \\npasswordFile = pw | line 3: user = '' is not a database user name
            [Database]\\nurl = jdbc:postgresql://h/db\\nuser = a\\npasswordFile = | line 4: passwordFile = '' is not a file path
            [Database]\\nhost = h                                              | line 2: unknown key host in [Database]
            """)
    void aBadDatabaseLineIsRefusedNamingItWithoutEchoingAUrl(String content, String expected) throws Exception {
        write(content.replace("\\n", "\n"));
        for (ServerIniException refused : new ServerIniException[] {
                assertThrows(ServerIniException.class, () -> ServerIni.load(dir)),
                assertThrows(ServerIniException.class, () -> ServerIni.database(dir)) }) {
            assertTrue(refused.getMessage().startsWith(dir.toAbsolutePath().resolve("server.ini") + " " + expected),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains("pw@") || refused.getMessage().contains("password=pw"),
                    "a password in a refused URL is not repeated: " + refused.getMessage());
        }
    }

    private void write(String content) throws Exception {
        Files.writeString(dir.resolve("server.ini"), content, StandardCharsets.UTF_8);
    }
}
