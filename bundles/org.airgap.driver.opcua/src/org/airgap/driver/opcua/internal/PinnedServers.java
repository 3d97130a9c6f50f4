package org.airgap.driver.opcua.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.airgap.workspace.AtomicFile;

/**
 * The pinned OPC UA server certificates, one per host and port, as the SFTP driver pins SSH host keys:
 * a text file with one line {@code host:port sha256} per server (the SHA-256 of the certificate's DER
 * encoding, 64 lower-case hex digits), so that a technician can read it and remove a line when a
 * server's certificate was renewed on purpose. Read on every check; replaced atomically ({@link AtomicFile}).
 */
final class PinnedServers {

    private final Path file;

    PinnedServers(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The pinned fingerprint of a server, or {@code null} when none is pinned. */
    synchronized String find(String address) throws IOException {
        String key = address.toLowerCase(Locale.ROOT);
        for (String line : readLines()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2 && !fields[0].startsWith("#") && fields[0].equals(key)) {
                return fields[1];
            }
        }
        return null;
    }

    /** Pins {@code fingerprint} for the server, replacing an earlier pin (the caller decides whether it may). */
    synchronized void pin(String address, String fingerprint) throws IOException {
        String key = address.toLowerCase(Locale.ROOT);
        List<String> kept = new ArrayList<>();
        for (String line : readLines()) {
            String[] fields = line.trim().split("\\s+");
            if (!(fields.length >= 2 && fields[0].equals(key))) {
                kept.add(line);
            }
        }
        kept.add(key + " " + fingerprint);
        write(kept);
    }

    private List<String> readLines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private void write(List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file.toAbsolutePath(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of a certificate's DER encoding, 64 lower-case hex digits. */
    static String fingerprint(byte[] certificateDer) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificateDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** 64 hex digits as "AB:CD:…", the way keytool and openssl show fingerprints. */
    static String display(String fingerprint) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(fingerprint));
    }
}
