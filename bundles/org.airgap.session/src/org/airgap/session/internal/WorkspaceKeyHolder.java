package org.airgap.session.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

import org.airgap.session.SessionException;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.WorkspaceKeyException;
import org.airgap.workspace.WorkspaceKeys;

/**
 * The workspace's data key on the session's side (docs/formats.md "Key slots"; docs/security.md): which key a
 * login gets from the user's key slot, the key the active session holds in memory, and its copy for the next
 * process in the {@link UnlockedKeyFile}. Not thread-safe: {@link LocalSessionService} calls it under its lock,
 * except {@link #open} and {@link #finish}, which ask for the held key through {@code heldKey}.
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
     * What a login opens: the data key from the user's slot ({@code null} in a workspace without key slots, which
     * gets one at {@link #finish}), and whether the user's slot is to be added or re-wrapped then.
     */
    record Opening(byte[] key, boolean create, boolean addSlot) {
    }

    /**
     * Opens the user's key slot with {@code password}, before anything of the sealed workspace is read (its pins,
     * the user's offline login): the slot's GCM tag authenticates the password. A user without a slot, or whose
     * password no longer opens it (changed on the server), gets the key the active session holds, if any (whoever
     * holds an unlocked session can read the workspace anyway); their slot is added or re-wrapped at
     * {@link #finish}, once the server or the offline verifier accepted the password.
     *
     * @param heldKey a copy of the key the active session holds, or {@code null}
     * @throws SessionException WRONG_PASSWORD, REFUSED (no slot, naming who has one); nothing changes
     */
    Opening open(String user, char[] password, boolean online, Supplier<byte[]> heldKey) throws IOException {
        WorkspaceKeys keys = WorkspaceKeys.of(repository.location());
        try {
            if (!keys.exists()) {
                return new Opening(null, true, false);
            }
            if (keys.hasSlot(user)) {
                try {
                    return new Opening(keys.unlock(user, password), false, false);
                } catch (WorkspaceKeyException e) {
                    byte[] held = e.kind() == WorkspaceKeyException.Kind.WRONG_PASSWORD ? heldKey.get() : null;
                    if (held == null) {
                        throw online && e.kind() == WorkspaceKeyException.Kind.WRONG_PASSWORD
                                ? new SessionException(SessionException.Kind.WRONG_PASSWORD, "the password does not open "
                                        + user + "'s key on this laptop (nothing was sent to the server; the workspace "
                                        + "stays locked): if it was changed on the server, the key was made with the "
                                        + "previous password: log in offline once with the previous password, then online"
                                        + " with the new one (the key is then re-wrapped)")
                                : e;
                    }
                    return new Opening(held, false, true);
                }
            }
            byte[] held = heldKey.get();
            if (held == null) {
                keys.unlock(user, password); // throws NO_SLOT, naming the users who have one
            }
            return new Opening(held, false, true);
        } catch (WorkspaceKeyException e) {
            throw refusal(e);
        }
    }

    /** The data key for the login {@code opening} began, once its password was accepted: created, or slotted. */
    byte[] finish(Opening opening, String user, char[] password) throws IOException {
        try {
            if (opening.create()) {
                return repository.createDataKey(user, password);
            }
            if (opening.addSlot()) {
                WorkspaceKeys.of(repository.location()).addSlot(user, password, opening.key());
            }
            return opening.key();
        } catch (WorkspaceKeyException e) {
            throw refusal(e);
        }
    }

    private static SessionException refusal(WorkspaceKeyException e) {
        return new SessionException(e.kind() == WorkspaceKeyException.Kind.WRONG_PASSWORD
                ? SessionException.Kind.WRONG_PASSWORD
                : SessionException.Kind.REFUSED, null, e.getMessage(), e);
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
            if (key.isPresent() && WorkspaceKeys.of(repository.location()).isKeyOf(key.get())) {
                repository.unlock(key.get());
                dataKey = key.get();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot unlock the workspace with the session's key: " + e.getMessage());
        }
    }
}
