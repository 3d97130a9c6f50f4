package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.airgap.audit.AuditSealing;
import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;

/**
 * The workspace's audit trail lines sealed like its other files (docs/formats.md, "Sealed audit trail"):
 * under the content key of the workspace's data key, each line bound to its number by the context
 * {@code audit.jsonl#N}, once the workspace has key slots.
 */
final class SealedAuditTrail implements AuditSealing {

    private final StoreKeys keys;
    private final Path file;

    SealedAuditTrail(StoreKeys keys, Path file) {
        this.keys = keys;
        this.file = file;
    }

    @Override
    public boolean sealed() {
        return keys.sealed();
    }

    @Override
    public boolean unlocked() {
        return keys.unlocked();
    }

    @Override
    public byte[] seal(byte[] plain, String context) throws IOException {
        return keys.seal(plain, context);
    }

    @Override
    public byte[] open(byte[] sealed, String context) throws IOException {
        return keys.open(sealed, context, file, StoreException.Kind.CORRUPT_MANIFEST);
    }

    @Override
    public String check(byte[] sealed) {
        return StoreKeys.check(sealed);
    }
}
