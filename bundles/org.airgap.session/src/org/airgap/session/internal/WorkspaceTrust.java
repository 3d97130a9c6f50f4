package org.airgap.session.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SealedFiles;

/**
 * The pins ({@code known-servers.json}) and offline logins of an encrypted workspace are sealed under its data key
 * (docs/formats.md, "Workspace"): they are read and written with the key a login just unwrapped from its key slot,
 * or with the workspace's while a session holds it. A certificate or signing key the technician trusts while the
 * workspace is locked (before the login that opens it: {@code airgap login --trust}, the workbench's prompt) waits
 * here, in memory, and is pinned by the next online login as soon as it has the key, before it calls the server.
 * Not thread-safe: the session service calls it under its lock.
 */
final class WorkspaceTrust {

    private final JobRepository repository;
    private final Map<String, CertificateFingerprint> pendingCertificates = new HashMap<>();
    private final Map<String, String> pendingSigningKeys = new HashMap<>();

    WorkspaceTrust(JobRepository repository) {
        this.repository = repository;
    }

    /** The trust files with {@code key} (a login's, before the unlock), or as the workspace is now ({@code null}). */
    SealedFiles files(byte[] key) {
        return key != null ? SealedFiles.of(repository.location(), key) : repository.sealedFiles();
    }

    KnownServers knownServers(byte[] key) {
        return new KnownServers(repository.location(), files(key));
    }

    /** Whether the pins cannot be written now: encrypted, and no session holds the key. */
    private boolean locked() {
        return repository.encrypted() && !repository.unlocked();
    }

    void trustCertificate(URI server, CertificateFingerprint fingerprint, Instant now) throws IOException {
        if (locked()) {
            pendingCertificates.put(KnownServers.key(server), fingerprint);
        } else {
            knownServers(null).pin(server, fingerprint, now);
        }
    }

    void trustSigningKey(URI server, String fingerprint, Instant now) throws IOException {
        if (locked()) {
            pendingSigningKeys.put(KnownServers.key(server), fingerprint);
        } else {
            knownServers(null).acceptSigningKey(server, fingerprint, now);
        }
    }

    /** Pins what was trusted for {@code server} while the workspace was locked, now that a login has the key. */
    void pinPending(URI server, byte[] key, Instant now) throws IOException {
        CertificateFingerprint certificate = pendingCertificates.remove(KnownServers.key(server));
        String signingKey = pendingSigningKeys.remove(KnownServers.key(server));
        if (certificate != null) {
            knownServers(key).pin(server, certificate, now);
        }
        if (signingKey != null) {
            knownServers(key).acceptSigningKey(server, signingKey, now);
        }
    }
}
