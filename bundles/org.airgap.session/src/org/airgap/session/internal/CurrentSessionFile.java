package org.airgap.session.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

import org.airgap.audit.AuditAction;
import org.airgap.protocol.ProtocolJson;
import org.airgap.session.SessionState;
import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;
import org.airgap.workspace.AtomicFile;
import org.airgap.workspace.JobRepository;

import com.google.gson.JsonParseException;

/**
 * {@code session/current.json}, the last session with the bearer token of an active one (docs/formats.md,
 * "Workspace"): in an encrypted workspace a sealed file under the data key with the context
 * {@code session/current.json}, as the workspace's other sealed files, so that it reads only with the key. A
 * process without the key (the workspace locked) sees no session; nothing is written plain into an encrypted
 * workspace: without the key the file is removed instead. In a workspace without a key it is plain JSON, as
 * before; a plain one is sealed when it is next written with the key. Owner-only, replaced atomically.
 */
final class CurrentSessionFile {

    static final String CONTEXT = "session/" + SessionFiles.CURRENT;
    private static final System.Logger LOG = System.getLogger(CurrentSessionFile.class.getName());

    private final JobRepository repository;
    private final Path file;

    CurrentSessionFile(JobRepository repository, SessionFiles files) {
        this.repository = repository;
        this.file = files.currentFile();
    }

    /**
     * The last session; {@code null} when there is none, when the file is damaged (that only means "log in
     * again"), or when it cannot be read without the key: {@code dataKey} is {@code null} and the workspace is
     * encrypted.
     */
    StoredSession read(byte[] dataKey) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (StoreKeys.isSealed(bytes)) {
                if (dataKey == null) {
                    return null;
                }
                bytes = keys(dataKey).open(bytes, CONTEXT, file, StoreException.Kind.CORRUPT_MANIFEST);
            } else if (dataKey == null && repository.encrypted()) {
                return null; // the plain file of a version before: its session is ended at the next login
            }
            return ProtocolJson.read(new String(bytes, StandardCharsets.UTF_8), StoredSession.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | JsonParseException e) {
            LOG.log(Level.WARNING, file + " cannot be read (" + e.getMessage() + "): log in again");
            return null;
        }
    }

    /**
     * Records the end of the active session the file holds, which this process could not see without the key (the
     * RAM key file was lost, at a reboot): called at the next login, once the key is held.
     */
    void recordUnseenEnd(byte[] dataKey) throws IOException {
        StoredSession unseen = read(dataKey);
        if (unseen != null && unseen.state() == SessionState.ACTIVE) {
            repository.audit().append(unseen.user(), AuditAction.LOGOUT, unseen.online() ? unseen.server() : "offline",
                    "ended before the next login on this laptop, which had lost the session's key");
        }
    }

    /** Replaces the file, sealed with {@code dataKey} in an encrypted workspace, which without a key loses it. */
    void write(StoredSession session, byte[] dataKey) throws IOException {
        byte[] bytes = (ProtocolJson.write(session) + "\n").getBytes(StandardCharsets.UTF_8);
        if (repository.encrypted()) {
            if (dataKey == null) {
                Files.deleteIfExists(file);
                return;
            }
            bytes = keys(dataKey).seal(bytes, CONTEXT);
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        AtomicFile.write(file, bytes, posix ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0]);
    }

    private static StoreKeys keys(byte[] dataKey) {
        StoreKeys keys = StoreKeys.locked();
        keys.unlock(dataKey);
        return keys;
    }
}
