package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 embedded with a database file on disk. The driver is created directly: under OSGi, DriverManager
 * only sees drivers visible to the caller's class loader, and the server will not depend on that.
 */
class H2Test {

    @TempDir
    Path dir;

    @Test
    void dataSurvivesClosingAndReopening() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("airgap").toAbsolutePath();
        Properties credentials = new Properties();
        credentials.setProperty("user", "airgap");
        credentials.setProperty("password", "s3cret");
        Driver driver = new Driver();

        try (Connection db = driver.connect(url, credentials)) {
            assertNotNull(db, "H2 refused " + url);
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE backup (id INT PRIMARY KEY, device VARCHAR(100) NOT NULL, content VARBINARY(16))");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO backup VALUES (?, ?, ?)")) {
                for (int id = 1; id <= 3; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "plc-" + id);
                    insert.setBytes(3, new byte[] { (byte) id, (byte) 0xff });
                    insert.addBatch();
                }
                assertEquals(3, insert.executeBatch().length);
            }
        }
        // The last connection closed the database: the rows must come from the file now.
        assertTrue(Files.isRegularFile(dir.resolve("airgap.mv.db")), "no database file in " + dir);

        try (Connection db = driver.connect(url, credentials);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT id, device, content FROM backup ORDER BY id")) {
            List<String> read = new ArrayList<>();
            while (rows.next()) {
                byte[] content = rows.getBytes(3);
                read.add(rows.getInt(1) + ":" + rows.getString(2) + ":" + content[0] + "," + content[1]);
            }
            assertEquals(List.of("1:plc-1:1,-1", "2:plc-2:2,-1", "3:plc-3:3,-1"), read);
            assertFalse(db.isClosed());
        }
    }
}
