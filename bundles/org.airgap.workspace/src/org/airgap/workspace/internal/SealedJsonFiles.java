package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;
import org.airgap.workspace.AtomicFile;

/**
 * The workspace's JSON files that hold device data (the synced definitions, the runs): sealed like the
 * store's files (docs/formats.md, "Sealed files") once the workspace is encrypted, with the file's path in
 * the workspace as the context, so a sealed file moved to another name does not open. A reader takes a
 * file with the sealed header as sealed and any other as plain JSON (a workspace not encrypted yet, or one
 * whose sealing a crash cut off) — until the unlock's migration is done ({@link #refusePlain}): from then on a
 * plain one was put there from outside and is refused.
 */
final class SealedJsonFiles {

    private final Path location;
    private final StoreKeys keys;
    /** Set by the unlock once every file Airgap wrote here is sealed; a plain one is then refused. */
    private volatile boolean plainRefused;

    SealedJsonFiles(Path location, StoreKeys keys) {
        this.location = location;
        this.keys = keys;
    }

    /** Replaces {@code file} atomically with {@code json}, sealed when the workspace is encrypted. */
    void write(Path file, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, keys.sealed() ? keys.seal(bytes, context(file)) : bytes);
    }

    /**
     * After the unlock's migration of an encrypted workspace: every synced file and run Airgap wrote is sealed,
     * so a plain one (planted: a job of someone's making, changed device parameters) is refused, never read.
     */
    void refusePlain() {
        plainRefused = true;
    }

    String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (StoreKeys.isSealed(bytes)) {
            bytes = keys.open(bytes, context(file), file, StoreException.Kind.CORRUPT_MANIFEST);
        } else if (plainRefused) {
            throw new IOException(file + " is plain in an encrypted workspace, where Airgap writes every such file"
                    + " sealed: it was put there from outside and is not read. Delete it; a synced file comes back"
                    + " with the next sync (airgap sync after an online login)");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    <T> T read(Class<T> type, Path file) throws IOException {
        try {
            return ModelJson.read(type, read(file));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.problem(), file + ": " + e.getMessage(), e);
        }
    }

    <T> List<T> readList(Class<T> type, Path file) throws IOException {
        try {
            return ModelJson.readList(type, read(file));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.problem(), file + ": " + e.getMessage(), e);
        }
    }

    /** Seals {@code file} in place when it is plain (the migration); true when it was. */
    boolean sealIfPlain(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (StoreKeys.isSealed(bytes)) {
            return false;
        }
        AtomicFile.write(file, keys.seal(bytes, context(file)));
        return true;
    }

    /** The path inside the workspace, with {@code /}: the associated data that binds a sealed file to its place. */
    private String context(Path file) {
        return location.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
