package org.airgap.client.compare.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.SnapshotComparison;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.session.ClientSession;
import org.airgap.session.http.ServerClient;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Two server versions of a component compared in the Compare part (Administration perspective): their manifests
 * and the contents of the files that differ are read from the server over the administrator's session (the server
 * decides what the administrator may read) into a fresh store in a temporary folder, so the tree and the file
 * differences work as for a laptop's backup. Files equal on both sides are not downloaded.
 */
final class ServerSnapshotLoad {

    private ServerSnapshotLoad() {
    }

    /**
     * Reads versions {@code left} and {@code right} of {@code componentId} into {@code folder} and compares them;
     * a failed or cancelled read deletes the folder itself (the part may have deleted it meanwhile, and a blob
     * still being written would make it again).
     */
    static CompareLoad load(ClientSession session, CompareEngine engine, String componentId, int left, int right,
            Path folder, IProgressMonitor monitor) throws IOException {
        try {
            return read(session, engine, componentId, left, right, folder, monitor);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    private static CompareLoad read(ClientSession session, CompareEngine engine, String componentId, int left,
            int right, Path folder, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, "Reading versions " + left + " and " + right + " of "
                + componentId + " from the server", 100);
        if (!session.online() || session.token() == null) {
            throw new IOException("comparing server versions needs an online login (user " + session.user()
                    + " is logged in offline)");
        }
        ServerClient client = ServerClient.forSession(session);
        Map<Integer, AdminVersion> versions = client.getJsonList(Api.ADMIN_VERSIONS + "/"
                + URLEncoder.encode(componentId, StandardCharsets.UTF_8).replace("+", "%20"),
                AdminVersion.class).stream().collect(Collectors.toMap(AdminVersion::number, Function.identity(),
                        (a, b) -> a));
        AdminVersion basis = version(versions, componentId, left);
        AdminVersion backup = version(versions, componentId, right);
        progress.worked(5);
        Manifest basisManifest = manifest(client::getStream, basis.snapshotId());
        Manifest backupManifest = manifest(client::getStream, backup.snapshotId());
        progress.worked(5);
        ContentStore store = ContentStores.open(folder);
        fetchBlobs(client::getStream, store, differingBlobs(basisManifest, backupManifest), progress.split(60));
        SnapshotComparison comparison = engine.compare(basisManifest, store::openBlob, backupManifest,
                store::openBlob, List.of(), progress.split(30));
        String title = componentId + " \u2014 version " + left + " \u2194 version " + right
                + " (server snapshots, no ignore rules)";
        return new CompareLoad(title, "Version " + left + " \u00b7 snapshot " + basis.snapshotId().substring(0, 8),
                "Version " + right + " \u00b7 snapshot " + backup.snapshotId().substring(0, 8), comparison,
                CompareNode.tree(comparison.entries()), List.of(), null, store);
    }

    private static AdminVersion version(Map<Integer, AdminVersion> versions, String componentId, int number)
            throws IOException {
        AdminVersion version = versions.get(number);
        if (version == null || version.snapshotId() == null) {
            throw new IOException("component " + componentId + " has no version " + number + " on the server");
        }
        return version;
    }

    /** Where the server's manifests and blobs come from: an API path to the body the server answers. */
    interface ServerFiles {
        InputStream open(String path) throws IOException;
    }

    /** The largest manifest read from the server (as the archive import allows). */
    static final int MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

    /** GET /api/manifests/ID: at most {@link #MAX_MANIFEST_BYTES}, and the bytes must hash to the id asked for. */
    static Manifest manifest(ServerFiles server, String id) throws IOException {
        byte[] bytes;
        try (InputStream in = server.open(Api.MANIFESTS + id)) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new IOException("the server sent manifest " + id + " larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        String actual = ManifestFormat.sha256(bytes);
        if (!actual.equals(id)) {
            throw new IOException("the server sent manifest " + id + " with content that hashes to " + actual);
        }
        return ManifestFormat.parse(bytes, Path.of("manifest " + id));
    }

    /**
     * GET /api/blobs/SHA for each of {@code needed} into {@code store}; a blob whose content hashes to anything
     * else is refused (the store keeps it only under its real hash, which no entry of the compare names).
     */
    static void fetchBlobs(ServerFiles server, ContentStore store, Set<String> needed, SubMonitor progress)
            throws IOException {
        progress.setWorkRemaining(Math.max(1, needed.size()));
        for (String sha256 : needed) {
            if (progress.isCanceled()) {
                throw new OperationCanceledException();
            }
            try (InputStream in = server.open(Api.BLOBS + sha256)) {
                String stored = store.putBlob(in);
                if (!stored.equals(sha256)) {
                    throw new IOException("the server sent blob " + sha256 + " with content that hashes to " + stored);
                }
            }
            progress.worked(1);
        }
    }

    /** The contents of the files whose hash differs between the two sides, or which only one side has. */
    static Set<String> differingBlobs(Manifest basis, Manifest backup) {
        Map<String, String> basisFiles = files(basis);
        Map<String, String> backupFiles = files(backup);
        Set<String> needed = new LinkedHashSet<>();
        basisFiles.forEach((path, sha256) -> {
            if (!sha256.equals(backupFiles.get(path))) {
                needed.add(sha256);
            }
        });
        backupFiles.forEach((path, sha256) -> {
            if (!sha256.equals(basisFiles.get(path))) {
                needed.add(sha256);
            }
        });
        return needed;
    }

    private static Map<String, String> files(Manifest manifest) {
        return manifest.entries().stream().filter(entry -> entry.type() == EntryType.FILE && entry.sha256() != null)
                .collect(Collectors.toMap(ManifestEntry::path, ManifestEntry::sha256, (a, b) -> a));
    }

    /** Deletes a temporary store folder and everything in it; quietly, as it is only a cache. */
    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left for the system's temp cleaner
        }
    }
}
