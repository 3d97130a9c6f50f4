package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.airgap.testing.ChildJvm;
import org.h2.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server's embedded database acknowledged stays, through the life a server's database file has: a
 * server killed (SIGKILL) while requests commit, started again (a recovery opening) and committing more, then
 * stopped cleanly, and the file opened once more. H2 2.5.252 failed this: after the space of a dead chunk
 * was reused, the next opening fell back to an old version of the file and lost every commit after it (the
 * end-to-end {@code ResumeAfterServerKillTest} saw a laptop's acknowledged audit entries missing). Each round
 * has its own file; a lost commit is named with its round.
 */
class EmbeddedDatabaseCrashTest {

    private static final int ROUNDS = Integer.getInteger("airgap.crash.rounds", 3);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** How long the first server commits after its first acknowledgement before the kill. */
    private static final Duration BEFORE_KILL = Duration.ofSeconds(4);
    private static final Pattern ACKNOWLEDGED = Pattern.compile(Pattern.quote(EmbeddedDatabaseCrashChild.ACKED)
            + "(\\d+) end");

    @TempDir
    Path temporary;
    private Path folder;

    @BeforeEach
    void databaseFolder() throws IOException {
        folder = ChildJvm.scratchFolder(temporary);
    }

    @AfterEach
    void deleteDatabases() throws IOException {
        ChildJvm.deleteTree(folder);
    }

    @Test
    void everyAcknowledgedCommitSurvivesAKillARestartAndACleanStop() throws Exception {
        List<String> classpath = ChildJvm.classpath(EmbeddedDatabaseCrashChild.class, RepositoryDatabase.class,
                Driver.class, ChildJvm.class);
        for (int round = 1; round <= ROUNDS; round++) {
            Path database = folder.resolve("round-" + round).resolve("airgap");
            List<Long> acknowledged = new ArrayList<>();
            try (ChildJvm killed = ChildJvm.start(classpath, List.of("-Xmx256m"), EmbeddedDatabaseCrashChild.class,
                    database.toString(), "kill", "1", "2", "0")) {
                killed.awaitLine(EmbeddedDatabaseCrashChild.ACKED, PATIENCE);
                Thread.sleep(BEFORE_KILL.toMillis());
                assertTrue(killed.kill(), "round " + round + ": the first server ended by itself:\n" + killed.output());
                acknowledged.addAll(ids(killed));
            }
            try (ChildJvm restarted = ChildJvm.start(classpath, List.of("-Xmx256m"),
                    EmbeddedDatabaseCrashChild.class, database.toString(), "close", "100000000", "2", "150")) {
                restarted.awaitLine(EmbeddedDatabaseCrashChild.CLOSED, PATIENCE);
                assertEquals(0, restarted.awaitExit(PATIENCE), "round " + round + ":\n" + restarted.output());
                acknowledged.addAll(ids(restarted));
            }
            assertEquals(List.of(), missing(database, acknowledged), "round " + round
                    + ": acknowledged commits missing after the reopening (of " + acknowledged.size() + ")");
        }
    }

    private static List<Long> ids(ChildJvm child) {
        List<Long> ids = new ArrayList<>();
        for (String line : child.output().split("\n")) {
            Matcher matcher = ACKNOWLEDGED.matcher(line);
            if (matcher.matches()) { // a line cut by the kill is no acknowledgement
                ids.add(Long.parseLong(matcher.group(1)));
            }
        }
        return ids;
    }

    private static List<Long> missing(Path database, List<Long> acknowledged) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", RepositoryDatabase.H2_USER);
        credentials.setProperty("password", "");
        List<Long> missing = new ArrayList<>();
        try (Connection connection = new Driver().connect(RepositoryDatabase.h2Url(database), credentials);
                PreparedStatement find = connection.prepareStatement("SELECT 1 FROM acknowledged WHERE id = ?")) {
            for (long id : acknowledged) {
                find.setLong(1, id);
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        missing.add(id);
                    }
                }
            }
        }
        return missing;
    }
}
