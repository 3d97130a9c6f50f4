package org.airgap.server.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.airgap.server.core.ServerSettings;

/**
 * Whether an airgap-server runs on a data directory: the server's database engine locks the database file
 * for as long as it has it open, so a lock that cannot be taken means it runs. The bootstrap commands
 * (init, user add, import) then point the administrator to the {@code airgap admin} commands of the
 * running server instead of failing on the lock.
 */
final class RunningServer {

    private RunningServer() {
    }

    /** The database file as the repository opens it. */
    static Path databaseFile(ServerSettings settings) {
        Path database = settings.databaseFile().toAbsolutePath();
        return database.resolveSibling(database.getFileName() + ".mv.db");
    }

    /** Whether another process (or this one) holds the database open. */
    static boolean holds(ServerSettings settings) {
        Path file = databaseFile(settings);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // Not ours to decide here: opening the repository reports the real problem.
            return false;
        }
    }

    /** What a bootstrap command says on a running server, with what to run instead. */
    static String message(Path dataDirectory, String command, String instead) {
        return "airgap-server is running on " + dataDirectory + " (its database is in use), so " + command
                + " cannot change it: on the running server use " + instead + " as an administrator (airgap login"
                + " --server URL --user NAME first; docs/administration.md). Bootstrap commands are for a stopped"
                + " server.";
    }
}
