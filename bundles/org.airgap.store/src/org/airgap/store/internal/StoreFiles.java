package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;
import org.airgap.store.StoreException.Kind;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * The store's folders ({@code blobs/}, {@code manifests/}, {@code tmp/}; docs/formats.md) and the file
 * protocol every part of the store follows: temporary files in {@code tmp/}, registered while in use so
 * that gc leaves them; atomic writes (temporary file, fsync, rename, fsync of the folder); hashing; and
 * the gc lock, which gc holds for writing and every commit of a blob or manifest for reading.
 */
final class StoreFiles {

    static final int READ_BUFFER = 1024 * 1024;

    private final Path root;
    private final Path blobs;
    private final Path manifests;
    private final Path tmp;
    private final FileContentStore.WriteHook writeHook;
    private final StoreKeys keys;
    private final ReadWriteLock gcLock = new ReentrantReadWriteLock();
    private final Set<Path> activeTempFiles = ConcurrentHashMap.newKeySet();

    private StoreFiles(Path root, FileContentStore.WriteHook writeHook, StoreKeys keys) {
        this.root = root;
        this.blobs = root.resolve("blobs");
        this.manifests = root.resolve("manifests");
        this.tmp = root.resolve("tmp");
        this.writeHook = writeHook;
        this.keys = keys;
    }

    /** The folders of the store in {@code root}, created (and made durable) when missing. */
    static StoreFiles open(Path root, FileContentStore.WriteHook writeHook, StoreKeys keys) throws IOException {
        StoreFiles files = new StoreFiles(root.toAbsolutePath().normalize(), writeHook, keys);
        for (Path folder : List.of(files.root, files.blobs, files.manifests, files.tmp)) {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                syncDirectory(folder.getParent());
            }
        }
        return files;
    }

    Path root() {
        return root;
    }

    Path blobs() {
        return blobs;
    }

    Path manifests() {
        return manifests;
    }

    Path tmp() {
        return tmp;
    }

    FileContentStore.WriteHook writeHook() {
        return writeHook;
    }

    ReadWriteLock gcLock() {
        return gcLock;
    }

    /**
     * The final file of a blob: {@code blobs/<first two hex digits>/<name>}, the name being the SHA-256, or in
     * a sealed store its HMAC ({@link StoreKeys#storedName}).
     */
    Path blobFile(String sha256) {
        String name = storedName(sha256);
        return blobs.resolve(name.substring(0, 2)).resolve(name);
    }

    /** {@code manifests/<id>.json}, or in a sealed store {@code manifests/<HMAC of the id>.sealed}. */
    Path manifestFile(String id) {
        return keys.sealed() ? manifests.resolve(storedName(id) + SEALED_MANIFEST) : manifests.resolve(id + ".json");
    }

    static final String SEALED_MANIFEST = ".sealed";

    StoreKeys keys() {
        return keys;
    }

    /** The name of content with SHA-256 {@code sha256}; a locked sealed store throws (unchecked) LOCKED. */
    String storedName(String sha256) {
        if (!keys.sealed()) {
            return sha256;
        }
        try {
            return keys.storedName(sha256);
        } catch (StoreException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The size of the stored file of content of {@code size} bytes. */
    long storedSize(long size) {
        return keys.sealed() ? SealedFormat.sealedSize(size) : size;
    }

    /** The content's size from its stored file's size. */
    long contentSize(long storedSize) {
        return keys.sealed() ? Math.max(0, SealedFormat.plainSize(storedSize)) : storedSize;
    }

    /** {@code out}, sealing in a sealed store: the caller finishes a {@link SealingOutputStream}. */
    OutputStream sealing(OutputStream out) throws IOException {
        return keys.sealed() ? keys.seal(out, "") : out;
    }

    /** The content of a stored file read from {@code in}. */
    InputStream opening(InputStream in, Path file, Kind kind) throws IOException {
        return keys.sealed() ? keys.open(in, "", file, kind) : in;
    }

    /** The sealed form of the first {@code length} bytes of {@code content}, or {@code null} in a plain store. */
    byte[] sealBytes(byte[] content, int length) throws IOException {
        if (!keys.sealed()) {
            return null;
        }
        java.io.ByteArrayOutputStream sealed = new java.io.ByteArrayOutputStream((int) SealedFormat.sealedSize(length));
        try (OutputStream out = keys.seal(sealed, "")) {
            out.write(content, 0, length);
        }
        return sealed.toByteArray();
    }

    boolean hasBlobOfSize(String sha256, long size) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(blobFile(sha256), BasicFileAttributes.class);
            return attributes.isRegularFile() && attributes.size() == storedSize(size);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    // ---- temporary files

    Path newTempFile(String prefix) throws IOException {
        Path file = Files.createTempFile(tmp, prefix, ".tmp");
        activeTempFiles.add(file);
        return file;
    }

    void discardTempFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for gc, which removes stale temporary files
        }
        activeTempFiles.remove(file);
    }

    /** Whether a writer of this process still uses the temporary file. */
    boolean isActiveTempFile(Path file) {
        return activeTempFiles.contains(file);
    }

    // ---- atomic files

    /** Writes {@code content} to {@code target} by the atomic protocol: temp file, fsync, rename, fsync folder. */
    void writeAtomically(Path target, byte[] content, String prefix) throws IOException {
        if (keys.sealed()) {
            content = keys.seal(content, "");
        }
        Path temp = newTempFile(prefix);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                try (OutputStream out = writeHook.wrap(temp, Channels.newOutputStream(channel))) {
                    out.write(content);
                    channel.force(true);
                }
            } catch (IOException e) {
                throw new StoreException(Kind.NO_SPACE, temp, "cannot write " + target.getFileName() + " to " + temp
                        + " (disk full?): " + e.getMessage() + "; the partial file was removed", e);
            }
            if (moveAtomically(temp, target)) {
                syncDirectory(target.getParent());
            }
        } finally {
            discardTempFile(temp);
        }
    }

    /** Renames; true when the file moved (its folder then needs a sync), false when the target was there. */
    static boolean moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            // Some platforms refuse to replace; the target is the same content by its name.
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        }
    }

    /** Makes a rename or a new entry durable; platforms that cannot open a folder (Windows) skip it. */
    static void syncDirectory(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // not supported here; the rename itself is still atomic
        }
    }

    static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the file is renamed or deleted next; a failing close changes nothing
        }
    }

    // ---- hashing

    static String hashFile(Path file, byte[] buffer, IProgressMonitor monitor) throws IOException {
        MessageDigest digest = ManifestFormat.newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
                checkCanceled(monitor);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
