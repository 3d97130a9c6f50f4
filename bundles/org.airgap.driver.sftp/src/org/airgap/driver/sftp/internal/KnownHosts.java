package org.airgap.driver.sftp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The pinned SSH host keys, one per host and port, in a file in OpenSSH's {@code known_hosts} format
 * ({@code host type base64} for port 22, {@code [host]:port type base64} otherwise), so that a technician
 * can read it, remove a line, or hand it to {@code ssh -o UserKnownHostsFile=}. Fingerprints are
 * computed from the stored key text as OpenSSH prints them ({@code SHA256:} + unpadded Base64), so keys of
 * any algorithm can be pinned and compared. The file is read on every check, so an edit takes effect at
 * the next connection; writes replace it atomically. Hashed host names ({@code |1|…}) are not supported
 * and such lines are ignored (and kept).
 */
final class KnownHosts {

    /** A pinned key: where it is in the file and what it is. */
    record Pin(String hostToken, String keyType, String keyBase64, int lineNumber) {
        String fingerprint() {
            return KnownHosts.fingerprint(keyBase64);
        }
    }

    private final Path file;

    KnownHosts(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** How a host and port appear in the file, as OpenSSH writes them. */
    static String hostToken(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        return port == 22 ? name : "[" + name + "]:" + port;
    }

    /** The pinned key of a host and port, or {@code null} when none is pinned. */
    synchronized Pin find(String host, int port) throws IOException {
        String token = hostToken(host, port);
        List<String> lines = readLines();
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).trim().split("\\s+");
            if (fields.length >= 3 && !fields[0].startsWith("#") && hostMatches(fields[0], token)) {
                return new Pin(token, fields[1], fields[2], i + 1);
            }
        }
        return null;
    }

    private static boolean hostMatches(String hostField, String token) {
        for (String candidate : hostField.split(",")) {
            if (candidate.toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pins {@code keyType keyBase64} for the host and port, replacing an earlier pin of the same host and
     * port (the caller decides whether that is allowed).
     */
    synchronized void pin(String host, int port, String keyType, String keyBase64) throws IOException {
        String token = hostToken(host, port);
        List<String> kept = new ArrayList<>();
        for (String line : readLines()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 3 && !fields[0].startsWith("#") && hostMatches(fields[0], token)) {
                continue;
            }
            kept.add(line);
        }
        kept.add(token + " " + keyType + " " + keyBase64);
        write(kept);
    }

    private List<String> readLines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private void write(List<String> lines) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The OpenSSH fingerprint ({@code SHA256:…}) of a public key given as the Base64 text of its blob. */
    static String fingerprint(String keyBase64) {
        byte[] blob = Base64.getDecoder().decode(keyBase64);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Whether two fingerprints name the same key: the {@code SHA256:} prefix and Base64 padding are
     * optional in what a technician types.
     */
    static boolean sameFingerprint(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    static String normalize(String fingerprint) {
        String text = fingerprint.trim();
        if (text.regionMatches(true, 0, "SHA256:", 0, 7)) {
            text = text.substring(7);
        }
        while (text.endsWith("=")) {
            text = text.substring(0, text.length() - 1);
        }
        return "SHA256:" + text;
    }

    /** Whether the text is a SHA-256 fingerprint as OpenSSH prints it (prefix and padding optional). */
    static boolean isFingerprint(String text) {
        return normalize(text).matches("SHA256:[A-Za-z0-9+/]{43}");
    }
}
