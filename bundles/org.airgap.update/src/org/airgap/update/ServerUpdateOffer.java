package org.airgap.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.airgap.protocol.PublishedUpdates;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.framework.Version;

/**
 * Client updates that an Airgap server publishes (docs/installing.md): which of them are newer than what is
 * installed, and a copy of the server's p2 repository in a local folder, from which {@link SoftwareUpdates}
 * installs as from any other. The copy goes through the caller's connection to the server (its pinned
 * certificate and session token), so p2 itself never talks to the server.
 */
public final class ServerUpdateOffer {

    /** A path below the repository: plain names only, as the server accepts them. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_+~.-]{1,200}");

    /** Opens a file of the server's repository by its path. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String path) throws IOException;
    }

    private ServerUpdateOffer() {
    }

    /**
     * The installed features that the server's {@code offered} repository has in a higher version, as "id old → new", by id; features
     * the installation does not have are not offered (installing new ones is {@code airgap install}'s).
     */
    public static List<String> newer(List<InstalledFeature> installed, PublishedUpdates offered) {
        Map<String, InstalledFeature> mine = installed.stream()
                .collect(Collectors.toMap(InstalledFeature::id, Function.identity(), (a, b) -> a));
        List<String> changes = new ArrayList<>();
        for (PublishedUpdates.Feature feature : offered.features()) {
            InstalledFeature current = mine.get(feature.id());
            if (current != null && isNewer(feature.version(), current.version())) {
                changes.add(feature.id() + " " + current.version() + " \u2192 " + feature.version());
            }
        }
        changes.sort(null);
        return changes;
    }

    private static boolean isNewer(String offered, String installed) {
        try {
            return Version.parseVersion(offered).compareTo(Version.parseVersion(installed)) > 0;
        } catch (IllegalArgumentException e) {
            return false; // not an OSGi version: p2 could not update to it either
        }
    }

    /**
     * Copies the repository's {@code files} from {@code source} into the empty folder {@code target}, checking
     * each path (relative, plain names) and each file's size and SHA-256 against the list.
     *
     * @throws IOException naming the file that is refused or does not match; the caller deletes {@code target}
     */
    public static void copy(List<PublishedUpdates.File> files, Source source, Path target) throws IOException {
        for (PublishedUpdates.File file : files) {
            Path destination = target.resolve(checked(file.path()));
            Files.createDirectories(destination.getParent());
            MessageDigest sha256 = sha256();
            long size = 0;
            try (InputStream in = source.open(file.path());
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(destination,
                            StandardOpenOption.CREATE_NEW), sha256)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    size += n;
                    if (size > file.size()) {
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            if (size != file.size() || !digest.equalsIgnoreCase(file.sha256())) {
                throw new IOException("the server's update file " + file.path() + " is not what the server listed ("
                        + size + " bytes, SHA-256 " + digest + " instead of " + file.size() + " bytes, "
                        + file.sha256() + "); try again, or ask the administrator to publish the updates again");
            }
        }
    }

    /**
     * Copies the server's repository into a temporary folder ({@link #copy}), updates the installation from
     * there ({@link SoftwareUpdates#update}) and deletes the copy.
     *
     * @throws IOException when the copy fails; nothing was installed then
     */
    public static UpdateResult install(PublishedUpdates published, Source source, SoftwareUpdates updates,
            IProgressMonitor monitor) throws IOException {
        Path copy = Files.createTempDirectory("airgap-server-updates");
        try {
            copy(published.files(), source, copy);
            return updates.update(copy.toUri(), monitor);
        } finally {
            try (Stream<Path> paths = Files.walk(copy)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static String checked(String path) throws IOException {
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new IOException("the server lists an update file with a path that is not allowed: '" + path
                        + "'; nothing was installed");
            }
        }
        return path;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
