package org.airgap.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;

/**
 * The workspace's small files that hold its trust (docs/formats.md, "Workspace"): the pins of
 * {@code known-servers.json}, the offline logins {@code session/verifier-NAME.json} and the laptop's key
 * {@code laptop-key.properties}. In an encrypted workspace each is a sealed file under the data key whose
 * context is its path in the workspace, so it neither reads nor can be replaced without the key. They are
 * sealed at the first unlock after the data key exists ({@link #sealPlainTrustFiles}), which then records it in
 * the key slots' file, authenticated by the data key ({@link WorkspaceKeys#recordTrustSealed}); from then on a
 * plain one is refused as planted. Until then (a workspace of the previous layout, or one not encrypted yet) a
 * plain one is read as it is, but only with the data key that authenticates that layout: without the key, a
 * plain one in an encrypted workspace is locked.
 *
 * @since 0.2
 */
public final class SealedFiles {

    /**
     * The plain marker the previous version wrote once it had sealed the trust files. It no longer decides: where it
     * is, a plain trust file is refused (never sealed) and the migration removes it; where it is missing, only the
     * key slots' file, authenticated by the key, says whether the trust files are sealed.
     */
    public static final String SEALED_MARKER = "trust-sealed";
    /** The trust files in the workspace folder (the offline logins are {@code session/verifier-*.json}). */
    public static final String KNOWN_SERVERS = "known-servers.json";
    public static final String LAPTOP_KEY = "laptop-key.properties";

    private final Path location;
    private final StoreKeys keys;
    /** The login's data key ({@link #of(Path, byte[])}), which authenticates the layout; {@code null}: none. */
    private final byte[] dataKey;

    private SealedFiles(Path location, StoreKeys keys, byte[] dataKey) {
        this.location = location.toAbsolutePath().normalize();
        this.keys = keys;
        this.dataKey = dataKey;
    }

    /**
     * The trust files of the workspace at {@code location}, sealed and opened with {@code keys}' state: the
     * workspace's own, whose unlock seals the plain ones first ({@link #sealPlainTrustFiles}), so that with them
     * unlocked a plain one is refused.
     */
    public static SealedFiles of(Path location, StoreKeys keys) {
        return new SealedFiles(location, keys, null);
    }

    /**
     * With the 32-byte {@code dataKey} (a login that just opened a key slot, before the workspace is unlocked);
     * {@code null}: plain when the workspace is not encrypted, else locked.
     */
    public static SealedFiles of(Path location, byte[] dataKey) {
        StoreKeys keys = WorkspaceKeys.of(location).exists() || dataKey != null ? StoreKeys.locked() : StoreKeys.plain();
        if (dataKey != null) {
            keys.unlock(dataKey);
        }
        return new SealedFiles(location, keys, dataKey == null ? null : dataKey.clone());
    }

    /**
     * The content of {@code file}; empty when it does not exist.
     *
     * @throws IOException naming the file when it does not open with the key (replaced, moved, damaged) or is
     *                     plain where a sealed one is expected; {@code StoreException} LOCKED without the key (also
     *                     for a plain one in an encrypted workspace: only the key tells whether it may be plain)
     */
    public Optional<byte[]> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!StoreKeys.isSealed(bytes)) {
            if (!plainAllowed()) {
                throw new IOException(file + " is not sealed, but this workspace seals it: it was not written by"
                        + " Airgap (planted, or copied from another workspace) and is refused. Delete it and log in"
                        + " online (and sync) to have it written anew");
            }
            return Optional.of(bytes);
        }
        try {
            return Optional.of(keys.open(bytes, context(file), file, StoreException.Kind.CORRUPT_MANIFEST));
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.LOCKED) {
                throw e;
            }
            throw new IOException(file + " does not open with this workspace's key: it was replaced (by a file"
                    + " sealed for another place or workspace) or damaged, and is refused. Delete it and log in online"
                    + " (and sync) to have it written anew", e);
        }
    }

    /** Replaces {@code file} atomically and owner-only with {@code content}, sealed when the workspace is encrypted. */
    public void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, keys.sealed() ? keys.seal(content, context(file)) : content, ownerOnly(file));
    }

    /**
     * Whether a plain trust file is read as it is: in a workspace without a data key; with a login's key, while the
     * key slots' file, authenticated by that key, says the previous layout and the previous version's marker is
     * missing. With the workspace's keys unlocked the unlock has sealed them; locked, only the key could tell.
     */
    private boolean plainAllowed() throws IOException {
        WorkspaceKeys slots = WorkspaceKeys.of(location);
        if (!slots.exists()) {
            return true;
        }
        if (dataKey != null) {
            return !slots.trustSealed(dataKey) && !Files.exists(location.resolve(SEALED_MARKER));
        }
        if (!keys.unlocked()) {
            throw new StoreException(StoreException.Kind.LOCKED, null, "the workspace is encrypted and locked: log in"
                    + " to unlock it");
        }
        return false;
    }

    /**
     * The migration, with the workspace's {@code dataKey} (crash-safe: each file is replaced atomically and the
     * sealed layout recorded last, so a cut-off run is finished by the next): in a workspace whose key slots' file
     * says the previous layout, seals each trust file that is still plain — none where the previous version's marker
     * {@value #SEALED_MARKER} says it had sealed them: a plain one there was planted and stays refused —, then records
     * the sealed layout ({@link WorkspaceKeys#recordTrustSealed}); the marker is removed last.
     *
     * @since 0.2
     */
    public void sealPlainTrustFiles(byte[] dataKey) throws IOException {
        WorkspaceKeys slots = WorkspaceKeys.of(location);
        if (!keys.unlocked()) {
            return;
        }
        Path marker = location.resolve(SEALED_MARKER);
        if (!slots.trustSealed(dataKey)) {
            if (!Files.exists(marker)) {
                for (Path file : trustFiles()) {
                    byte[] bytes = Files.readAllBytes(file);
                    if (!StoreKeys.isSealed(bytes)) {
                        AtomicFile.write(file, keys.seal(bytes, context(file)), ownerOnly(file));
                    }
                }
            }
            slots.recordTrustSealed(dataKey);
        }
        AtomicFile.delete(marker);
    }

    private List<Path> trustFiles() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (String name : List.of(KNOWN_SERVERS, LAPTOP_KEY)) {
            if (Files.isRegularFile(location.resolve(name))) {
                files.add(location.resolve(name));
            }
        }
        Path session = location.resolve("session");
        if (Files.isDirectory(session)) {
            try (Stream<Path> listing = Files.list(session)) {
                listing.filter(SealedFiles::isOfflineLogin).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static boolean isOfflineLogin(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("verifier-") && name.endsWith(".json") && Files.isRegularFile(file);
    }

    /** The path inside the workspace, with {@code /}: the associated data that binds a sealed file to its place. */
    private String context(Path file) {
        return location.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
    }
}
