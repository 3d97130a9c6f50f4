package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.airgap.audit.AuditTrail;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.StoreKeys;
import org.airgap.workspace.AtomicFile;
import org.airgap.workspace.WorkspaceKeys;

/**
 * Encryption at rest of a workspace (docs/formats.md, "Key slots", "Workspace"): creating its data key,
 * unlocking it and sealing, at the first unlock after the key was made, what the workspace still holds plain
 * (the migration), crash-safely. The caller ({@link LocalWorkspace}) serializes the calls.
 */
final class WorkspaceSealing {

    private final Path location;
    private final StoreKeys keys;
    private final ContentStore store;
    private final SealedJsonFiles json;
    private final AuditTrail audit;

    WorkspaceSealing(Path location, StoreKeys keys, ContentStore store, SealedJsonFiles json, AuditTrail audit) {
        this.location = location;
        this.keys = keys;
        this.store = store;
        this.json = json;
        this.audit = audit;
    }

    byte[] createDataKey(String user, char[] password) throws IOException {
        // The marker goes first: a crash after keys.json is written leaves it, so the unlock seals what is plain.
        AtomicFile.write(sealingMarker(), new byte[0]);
        return WorkspaceKeys.of(location).create(user, password);
    }

    /**
     * Unlocks the keys and, while the marker says a migration is unfinished, seals the store, then the files
     * of {@code generation} (the sync in use, if any) and the runs, then removes the marker. A plain audit trail
     * is sealed at every unlock that finds it plain: a workspace encrypted before its trail was sealed has no
     * marker; prune markers named by a plain snapshot id are renamed likewise. Once {@code keys.json},
     * authenticated by the key, records the sealed layout, the plain marker decides nothing: it is removed without
     * sealing anything, so that a file planted beside it is not sealed (and then refused,
     * {@link SealedJsonFiles#refusePlain}).
     */
    void unlock(byte[] dataKey, Optional<Path> generation) throws IOException {
        WorkspaceKeys slots = WorkspaceKeys.of(location);
        if (!slots.exists()) {
            throw new IOException("the workspace " + location + " has no data key to unlock");
        }
        boolean sealedLayout = slots.trustSealed(dataKey);
        keys.unlock(dataKey);
        if (Files.exists(sealingMarker())) {
            if (!sealedLayout) {
                ContentStores.sealPlainContent(store);
                sealPlainJsonFiles(generation);
            }
            AtomicFile.delete(sealingMarker());
        }
        audit.sealPlainLines();
        SnapshotPruner.hidePlainNames(location, keys);
    }

    /** The migration's second part: the current sync generation's files and the runs, each sealed in place. */
    private void sealPlainJsonFiles(Optional<Path> generation) throws IOException {
        List<Path> files = new ArrayList<>();
        if (generation.isPresent()) {
            try (Stream<Path> listing = Files.list(generation.get())) {
                listing.filter(file -> file.getFileName().toString().endsWith(".json")).forEach(files::add);
            }
        }
        try (Stream<Path> listing = Files.list(location.resolve("runs"))) {
            listing.filter(file -> file.getFileName().toString().endsWith(".json")).forEach(files::add);
        }
        for (Path file : files) {
            json.sealIfPlain(file);
        }
    }

    /** Present from the creation of the data key until the plain content is sealed. */
    private Path sealingMarker() {
        return location.resolve("store").resolve("sealing-pending");
    }
}
