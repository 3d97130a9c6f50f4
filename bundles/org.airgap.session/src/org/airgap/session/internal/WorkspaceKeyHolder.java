package org.airgap.session.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

import org.airgap.session.SessionException;
import org.airgap.store.StoreKeys;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.WorkspaceKeyException;
import org.airgap.workspace.WorkspaceKeys;

/**
 * The workspace's data key on the session's side (docs/formats.md "Key slots"; docs/security.md): which key a
 * login gets from the user's key slot, the key the active session holds in memory, and its copy for the next
 * process in the {@link UnlockedKeyFile}. Not thread-safe: {@link LocalSessionService} calls it under its lock,
 * except {@link #keyFor}, which asks for the held key through {@code heldKey}.
 */
final class WorkspaceKeyHolder {

    private static final System.Logger LOG = System.getLogger(WorkspaceKeyHolder.class.getName());

    private final JobRepository repository;
    /** Where the next process finds the unlocked data key of the active session. */
    private final UnlockedKeyFile keyFile;
    /** The workspace's data key while a session is active and the workspace is encrypted. */
    private byte[] dataKey;

    WorkspaceKeyHolder(JobRepository repository) {
        this.repository = repository;
        this.keyFile = new UnlockedKeyFile(repository.location());
    }

    /**
     * The workspace's data key for {@code user}, whose password was just checked (by the server or the
     * offline verifier). A workspace without key slots gets its data key now (and is sealed at the unlock).
     * A user without a slot gets one only while another session holds the key (whoever holds an unlocked
     * session can read the workspace anyway); a password that passed the server or its verifier but no longer
     * opens the user's slot (changed on the server) re-wraps it the same way.
     *
     * @param heldKey a copy of the key the active session holds, or {@code null}
     */
    byte[] keyFor(String user, char[] password, boolean online, Supplier<byte[]> heldKey) throws IOException {
        WorkspaceKeys keys = WorkspaceKeys.of(repository.location());
        try {
            if (!keys.exists()) {
                return repository.createDataKey(user, password);
            }
            if (keys.hasSlot(user)) {
                try {
                    return keys.unlock(user, password);
                } catch (WorkspaceKeyException e) {
                    byte[] held = e.kind() == WorkspaceKeyException.Kind.WRONG_PASSWORD ? heldKey.get() : null;
                    if (held == null) {
                        throw online && e.kind() == WorkspaceKeyException.Kind.WRONG_PASSWORD
                                ? new SessionException(SessionException.Kind.WRONG_PASSWORD, "the server accepted the "
                                        + "password, but it does not open " + user + "'s key on this laptop, which was made "
                                        + "with the previous password: log in offline once with the previous password, "
                                        + "then online with the new one (the key is then re-wrapped)")
                                : e;
                    }
                    keys.addSlot(user, password, held);
                    return held;
                }
            }
            byte[] held = heldKey.get();
            if (held == null) {
                keys.unlock(user, password); // throws NO_SLOT, naming the users who have one
            }
            keys.addSlot(user, password, held);
            return held;
        } catch (WorkspaceKeyException e) {
            throw new SessionException(e.kind() == WorkspaceKeyException.Kind.WRONG_PASSWORD
                    ? SessionException.Kind.WRONG_PASSWORD
                    : SessionException.Kind.REFUSED, null, e.getMessage(), e);
        }
    }

    /** A copy of the key held, or {@code null}; the caller checks that a session is active. */
    byte[] held() {
        return dataKey == null ? null : dataKey.clone();
    }

    /** Unlocks the workspace for the session just started. */
    void hold(byte[] key) throws IOException {
        repository.unlock(key);
        dataKey = key;
        try {
            keyFile.write(key);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the unlocked key is kept in this process only: cannot write " + keyFile.file()
                    + ": " + e.getMessage());
        }
    }

    /** The session ended: the workspace is locked again. */
    void forget() {
        keyFile.delete();
        if (dataKey != null) {
            Arrays.fill(dataKey, (byte) 0);
            dataKey = null;
        }
        repository.lock();
    }

    /**
     * A process started during an active session (the next airgap command) unlocks with the session's key; the
     * caller checks that a session is active.
     */
    void restore() {
        if (!repository.encrypted()) {
            return;
        }
        try {
            Optional<byte[]> key = keyFile.read();
            if (key.isPresent() && StoreKeys.keyId(key.get()).equals(WorkspaceKeys.of(repository.location()).keyId())) {
                repository.unlock(key.get());
                dataKey = key.get();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot unlock the workspace with the session's key: " + e.getMessage());
        }
    }
}
