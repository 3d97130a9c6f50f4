package org.airgap.session.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import org.airgap.protocol.ProtocolJson;
import org.airgap.workspace.AtomicFile;
import org.airgap.workspace.SealedFiles;

import com.google.gson.JsonParseException;

/**
 * The session folder ({@code <workspace>/session/}): {@code current.json} and one
 * {@code verifier-NAME.json} per user. Files are readable by their owner only (they hold a bearer token
 * or a password verifier; the verifiers are sealed in an encrypted workspace, {@link SealedFiles}) and replaced
 * atomically: a crash leaves the old or the new content.
 */
final class SessionFiles {

    static final String CURRENT = "current.json";

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path folder;
    private final boolean posix;

    SessionFiles(Path folder) throws IOException {
        this.folder = folder;
        this.posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
        }
        if (posix) {
            Files.setPosixFilePermissions(folder, OWNER_FOLDER);
        }
    }

    Path folder() {
        return folder;
    }

    Path currentFile() {
        return folder.resolve(CURRENT);
    }

    /** The file of a user's offline login; the name is URL-encoded so that any user name is a safe file name. */
    Path verifierFile(String user) {
        return folder.resolve("verifier-" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ".json");
    }

    /** Whether {@code file} is named as a user's offline login ({@link #verifierFile}). */
    static boolean isVerifierFile(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("verifier-") && name.endsWith(".json");
    }

    /**
     * Reads a JSON file; empty when it does not exist.
     *
     * @throws IOException naming the file when its content is not what this version writes
     */
    <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(parse(file, text, type));
    }

    /** Reads a JSON file through {@code sealed} (sealed in an encrypted workspace); empty when it does not exist. */
    <T> Optional<T> read(Path file, Class<T> type, SealedFiles sealed) throws IOException {
        Optional<byte[]> bytes = sealed.read(file);
        return bytes.isEmpty() ? Optional.empty()
                : Optional.of(parse(file, new String(bytes.get(), StandardCharsets.UTF_8), type));
    }

    private static <T> T parse(Path file, String text, Class<T> type) throws IOException {
        try {
            return ProtocolJson.read(text, type);
        } catch (JsonParseException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete it and log in again", e);
        }
    }

    /** Replaces a JSON file through {@code sealed}, owner-only. */
    void write(Path file, Object content, SealedFiles sealed) throws IOException {
        sealed.write(file, (ProtocolJson.write(content) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The user whose offline login {@code file} is ({@link #verifierFile}), if it is named as one. */
    Optional<String> verifierUser(Path file) {
        String name = file.getFileName().toString();
        if (!isVerifierFile(file)) {
            return Optional.empty();
        }
        try {
            String user = URLDecoder.decode(name.substring("verifier-".length(), name.length() - ".json".length()),
                    StandardCharsets.UTF_8);
            return file.equals(verifierFile(user)) ? Optional.of(user) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void write(Path file, Object content) throws IOException {
        byte[] bytes = (ProtocolJson.write(content) + "\n").getBytes(StandardCharsets.UTF_8);
        FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_FILE) }
                : new FileAttribute<?>[0];
        AtomicFile.write(file, bytes, ownerOnly);
    }
}
