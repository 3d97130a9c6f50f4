package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.airgap.store.ContentStore.VerifyReport;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Verify of a sealed store. Without the key every manifest and blob file is checked by its structure
 * and its chunks' CRC32C (accidental damage); with the key each is also decrypted, so every chunk's GCM
 * tag is checked, and a blob's name must be the HMAC of its content's SHA-256 and a manifest's that of its
 * own (a file renamed to another's name is found), and each blob a manifest names must be there.
 */
final class SealedVerify {

    private final FileContentStore store;
    private final StoreFiles files;

    SealedVerify(FileContentStore store, StoreFiles files) {
        this.store = store;
        this.files = files;
    }

    VerifyReport verify(List<Path> blobFiles, IProgressMonitor monitor) throws IOException {
        boolean withKey = files.keys().unlocked();
        List<Path> manifestFiles = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(files.manifests())) {
            listing.forEach(manifestFiles::add);
        }
        manifestFiles.sort(null);
        SubMonitor progress = SubMonitor.convert(monitor, "Verifying the snapshot store",
                manifestFiles.size() + blobFiles.size());
        List<String> problems = new ArrayList<>();
        Map<String, ManifestEntry> wanted = new HashMap<>();
        Map<String, Path> wantedBy = new HashMap<>();
        int manifests = 0;
        for (Path file : manifestFiles) {
            StoreFiles.checkCanceled(progress);
            if (!file.getFileName().toString().endsWith(StoreFiles.SEALED_MANIFEST)) {
                problems.add("unexpected file in the manifest folder: " + file);
            } else if (checkStructure(file, "corrupt manifest ", problems)) {
                manifests++;
                if (withKey) {
                    readManifest(file, wanted, wantedBy, problems);
                }
            }
            progress.worked(1);
        }
        int blobs = 0;
        byte[] buffer = new byte[StoreFiles.READ_BUFFER];
        for (Path file : blobFiles) {
            StoreFiles.checkCanceled(progress);
            if (checkStructure(file, "corrupt blob ", problems)) {
                blobs++;
                if (withKey) {
                    checkBlob(file, buffer, wanted, wantedBy, problems);
                }
            }
            progress.worked(1);
        }
        // A blob file that is there but damaged was reported above; missing is only one that is not there.
        wanted.keySet().stream().filter(sha256 -> !Files.exists(files.blobFile(sha256))).sorted()
                .forEach(sha256 -> problems.add("missing blob " + files.blobFile(sha256)
                + ", referenced by manifest " + wantedBy.get(sha256) + " for '" + wanted.get(sha256).path() + "'"));
        return new VerifyReport(manifests, blobs, problems);
    }

    private static boolean checkStructure(Path file, String what, List<String> problems) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String problem = OpeningInputStream.check(in);
            if (problem != null) {
                problems.add(what + file + ": " + problem);
                return false;
            }
            return true;
        }
    }

    private void readManifest(Path file, Map<String, ManifestEntry> wanted, Map<String, Path> wantedBy,
            List<String> problems) throws IOException {
        try {
            byte[] json = files.keys().open(Files.readAllBytes(file), "", file, Kind.CORRUPT_MANIFEST);
            String id = ManifestFormat.sha256(json);
            if (!file.equals(files.manifestFile(id))) {
                problems.add("corrupt manifest " + file + ": its content is snapshot " + id + ", stored under another name");
                return;
            }
            for (ManifestEntry entry : ManifestFormat.parse(json, file).entries()) {
                if (entry.sha256() != null && wanted.putIfAbsent(entry.sha256(), entry) == null) {
                    wantedBy.put(entry.sha256(), file);
                }
            }
        } catch (StoreException e) {
            problems.add(e.getMessage());
        }
    }

    private void checkBlob(Path file, byte[] buffer, Map<String, ManifestEntry> wanted, Map<String, Path> wantedBy,
            List<String> problems) throws IOException {
        MessageDigest digest = ManifestFormat.newSha256();
        long size = 0;
        try (InputStream in = files.keys().open(Files.newInputStream(file), "", file, Kind.CORRUPT_BLOB)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (StoreException e) {
            problems.add(e.getMessage());
            return;
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (!file.equals(files.blobFile(sha256))) {
            problems.add("corrupt blob " + file + ": its content (SHA-256 " + sha256 + ") belongs under another name");
            return;
        }
        ManifestEntry entry = wanted.remove(sha256);
        if (entry != null && entry.size() != size) {
            problems.add("manifest " + wantedBy.get(sha256) + " records " + entry.size() + " bytes for '" + entry.path()
                    + "', but blob " + file + " has " + size);
        }
    }
}
