package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;

/**
 * Seals the content of a store written plain (a workspace from before encryption), file by file: each
 * plain blob is stored again sealed (durably, under its HMAC name) before its plain file is deleted, then
 * each plain manifest likewise. A plain file is recognized by its name being the SHA-256 of its content,
 * so a sealed file (named by an HMAC) is never taken for one. Cut off anywhere, it leaves each content
 * plain, sealed, or both, and a second run finishes the work; the caller runs it until it returns. It
 * first removes the temporary files a crash left, which may hold plain content.
 */
final class PlainContentSealer {

    private final FileContentStore store;
    private final StoreFiles files;

    PlainContentSealer(FileContentStore store, StoreFiles files) {
        this.store = store;
        this.files = files;
    }

    /** Seals what is plain; returns the number of files sealed. */
    int sealAll() throws IOException {
        removeLeftoverTempFiles();
        int sealed = 0;
        byte[] buffer = new byte[StoreFiles.READ_BUFFER];
        for (Path file : plainCandidates(files.blobs(), true)) {
            String name = file.getFileName().toString();
            if (!isPlainBlob(file, name, buffer)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                String stored = store.putBlob(in);
                if (!stored.equals(name)) {
                    throw new StoreException(StoreException.Kind.CORRUPT_BLOB, file, file + " changed while it was sealed");
                }
            }
            Files.delete(file);
            sealed++;
        }
        for (Path file : plainCandidates(files.manifests(), false)) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - ".json".length());
            byte[] json = Files.readAllBytes(file);
            if (org.airgap.store.Paths.isSha256(id) && ManifestFormat.sha256(json).equals(id)) {
                if (!Files.isRegularFile(files.manifestFile(id))) {
                    files.writeAtomically(files.manifestFile(id), json, "manifest-");
                }
                Files.delete(file);
                sealed++;
            }
        }
        StoreFiles.syncDirectory(files.manifests());
        return sealed;
    }

    /**
     * Temporary files no writer of this process uses are what a crash left: of the plain store they hold
     * plain content (a blob cut off while it was written), which would outlive the sealing (gc removes them
     * only after an hour, and only when gc runs); of an interrupted sealing, sealed garbage. The store's
     * process is its only one (the workspace lock), so none of them belongs to a writer elsewhere.
     */
    private void removeLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(files.tmp())) {
            for (Path file : listing) {
                if (Files.isRegularFile(file) && !files.isActiveTempFile(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
        StoreFiles.syncDirectory(files.tmp());
    }

    /** Plain when its content hashes to its name (a sealed file's name is an HMAC, never its hash). */
    private static boolean isPlainBlob(Path file, String name, byte[] buffer) throws IOException {
        return org.airgap.store.Paths.isSha256(name)
                && StoreFiles.hashFile(file, buffer, new org.eclipse.core.runtime.NullProgressMonitor()).equals(name);
    }

    private static List<Path> plainCandidates(Path folder, boolean nested) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
            for (Path entry : listing) {
                if (nested && Files.isDirectory(entry)) {
                    try (DirectoryStream<Path> inFolder = Files.newDirectoryStream(entry)) {
                        inFolder.forEach(found::add);
                    }
                } else if (Files.isRegularFile(entry) && (nested || entry.getFileName().toString().endsWith(".json"))) {
                    found.add(entry);
                }
            }
        }
        found.sort(null);
        return found;
    }
}
