package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.PublishedUpdates;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerRepository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The client updates published on the server, in the data directory's {@code updates} folder: each publish
 * unpacks into a folder of its own ({@code repo-<time>/p2} beside its {@code published.json}), and the file
 * {@code current} names the one served. A publish is switched to only once complete, by replacing
 * {@code current} atomically, so the previous repository is served until then (and kept until the next
 * publish, for downloads in progress); a refused upload leaves nothing behind.
 */
@Component(service = UpdateArea.class)
public final class UpdateArea {

    static final String PUBLISH = "UPDATES_PUBLISH";
    static final String WITHDRAW = "UPDATES_WITHDRAW";
    private static final String CURRENT = "current";
    private static final String DESCRIPTION = "published.json";
    private static final String REPOSITORY = "p2";

    private final ServerRepository repository;
    private final Path folder;
    private final Clock clock = Clock.systemUTC();
    /** One publish or withdrawal at a time; a second one is refused rather than queued behind an upload. */
    private final ReentrantLock changing = new ReentrantLock();

    @Activate
    public UpdateArea(@Reference ServerRepository repository) {
        this.repository = repository;
        this.folder = repository.settings().dataDirectory().resolve("updates");
    }

    /** What is published now; {@link PublishedUpdates#none()} when nothing is. */
    PublishedUpdates published() throws IOException {
        Optional<Path> current = currentFolder();
        if (current.isEmpty()) {
            return PublishedUpdates.none();
        }
        try {
            return ProtocolJson.read(Files.readString(current.get().resolve(DESCRIPTION), StandardCharsets.UTF_8),
                    PublishedUpdates.class);
        } catch (NoSuchFileException e) {
            return PublishedUpdates.none(); // withdrawn meanwhile
        }
    }

    /**
     * A file of the published repository.
     *
     * @throws ServerException NOT_FOUND when nothing is published or the path names no file of it
     */
    Path file(String[] segments) throws ServerException, IOException {
        Optional<Path> current = currentFolder();
        String path = String.join("/", segments);
        if (current.isPresent() && segments.length > 0
                && Stream.of(segments).allMatch(s -> !s.equals("..") && !s.equals(".")
                        && UpdateZip.SEGMENT.matcher(s).matches())) {
            Path root = current.get().resolve(REPOSITORY);
            Path file = root.resolve(path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && file.toRealPath().startsWith(root.toRealPath())) {
                return file;
            }
        }
        throw new ServerException(Kind.NOT_FOUND, current.isEmpty() ? "no client updates are published on this server"
                : "the published update repository has no file '" + path + "'");
    }

    /**
     * Receives a repository zip and publishes it as {@code user}'s (audited as {@value #PUBLISH}).
     *
     * @param declaredBytes the request's Content-Length, or -1
     * @throws ServerException TOO_LARGE beyond server.ini's limit, BAD_REQUEST for a zip that is not a safe p2
     *                         repository, CONFLICT while another publish runs; nothing is replaced then
     */
    PublishedUpdates publish(String user, InputStream body, long declaredBytes) throws ServerException, IOException {
        long limit = limit();
        if (declaredBytes > limit) {
            throw tooLarge(declaredBytes + " bytes", limit);
        }
        if (!changing.tryLock()) {
            throw new ServerException(Kind.CONFLICT, "another administrator is publishing client updates right now;"
                    + " try again when that is done");
        }
        try {
            return receiveAndSwitch(user, body, limit);
        } finally {
            changing.unlock();
        }
    }

    /** With the lock held: unpacks into a folder of its own, then makes it the one served. */
    private PublishedUpdates receiveAndSwitch(String user, InputStream body, long limit)
            throws ServerException, IOException {
        Files.createDirectories(folder);
        Path zip = Files.createTempFile(folder, "incoming-", ".zip");
        Path unpacked = null;
        boolean switched = false;
        try {
            unpacked = Files.createTempDirectory(folder, "incoming-");
            String sha256 = receive(body, zip, limit);
            List<PublishedUpdates.File> files = UpdateZip.unpack(zip, unpacked.resolve(REPOSITORY), limit);
            List<PublishedUpdates.Feature> features = P2Content.features(unpacked.resolve(REPOSITORY));
            PublishedUpdates published = new PublishedUpdates(clock.instant(), user, sha256,
                    files.stream().mapToLong(PublishedUpdates.File::size).sum(), features, files);
            Files.writeString(unpacked.resolve(DESCRIPTION), ProtocolJson.write(published), StandardCharsets.UTF_8);
            Optional<Path> previous = currentFolder();
            Path repositoryFolder = folder.resolve("repo-" + published.publishedAt().toEpochMilli() + "-"
                    + sha256.substring(0, 12));
            Files.move(unpacked, repositoryFolder, StandardCopyOption.ATOMIC_MOVE);
            point(repositoryFolder.getFileName().toString());
            switched = true;
            repository.recordChange(user, PUBLISH, "client updates", "published " + describe(features) + " ("
                    + files.size() + " files, " + published.bytes() + " bytes, zip SHA-256 " + sha256 + ")");
            deleteAllBut(repositoryFolder, previous.orElse(null));
            return published;
        } finally {
            Files.deleteIfExists(zip);
            if (!switched && unpacked != null) {
                deleteTree(unpacked);
            }
        }
    }

    /** Stops serving the published repository as {@code user}'s (audited as {@value #WITHDRAW}). */
    PublishedUpdates withdraw(String user) throws ServerException, IOException {
        if (!changing.tryLock()) {
            throw new ServerException(Kind.CONFLICT, "an administrator is publishing client updates right now;"
                    + " try again when that is done");
        }
        try {
            PublishedUpdates was = published();
            if (!was.published()) {
                throw new ServerException(Kind.NOT_FOUND, "no client updates are published on this server");
            }
            Files.delete(folder.resolve(CURRENT));
            repository.recordChange(user, WITHDRAW, "client updates", "withdrew " + describe(was.features())
                    + " published by " + was.publishedBy() + " at " + was.publishedAt());
            deleteAllBut(null, null);
            return PublishedUpdates.none();
        } finally {
            changing.unlock();
        }
    }

    long limit() throws ServerException {
        try {
            return ServerIni.maxUpdateRepositoryBytes(repository.settings().dataDirectory());
        } catch (ServerIniException e) {
            throw new ServerException(Kind.CONFLICT, e.getMessage(), e);
        }
    }

    private static String describe(List<PublishedUpdates.Feature> features) {
        return String.join(", ", features.stream().map(f -> f.id() + " " + f.version()).toList());
    }

    private static ServerException tooLarge(String size, long limit) {
        return new ServerException(Kind.TOO_LARGE, "the update repository zip of " + size + " exceeds server.ini"
                + " [Updates] maxRepositorySize (" + limit + " bytes); nothing was published");
    }

    /** Copies the body into {@code zip}, refusing it beyond {@code limit}; its SHA-256. */
    private static String receive(InputStream body, Path zip, long limit) throws ServerException, IOException {
        MessageDigest sha256 = UpdateZip.sha256();
        long received = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(zip), sha256)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (true) {
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw new ClientGoneException("the client stopped sending the update repository zip", e);
                }
                if (n < 0) {
                    break;
                }
                received += n;
                if (received > limit) {
                    throw tooLarge("more than " + limit + " bytes", limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private Optional<Path> currentFolder() throws IOException {
        String name;
        try {
            name = Files.readString(folder.resolve(CURRENT), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(folder.resolve(name));
    }

    /** Makes {@code current} name {@code repositoryFolder} in one step: readers see the old or the new name. */
    private void point(String repositoryFolder) throws IOException {
        Path temporary = Files.createTempFile(folder, "current-", ".tmp");
        Files.writeString(temporary, repositoryFolder, StandardCharsets.UTF_8);
        Files.move(temporary, folder.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes the repositories (and leftovers) other than the two named, which may be null. */
    private void deleteAllBut(Path keep, Path alsoKeep) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (!entry.equals(keep) && !entry.equals(alsoKeep) && !entry.getFileName().toString().equals(CURRENT)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            JsonEndpoint.LOG.log(Level.WARNING, "could not delete an old update repository in " + folder, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
