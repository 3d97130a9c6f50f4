package org.airgap.session.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.ProtocolJson;
import org.airgap.workspace.AtomicFile;

import com.google.gson.JsonParseException;

/**
 * The certificates pinned on this laptop, one per server URL ({@code <workspace>/known-servers.json}, the
 * laptop's {@code known_hosts}). Outside {@code session/} on purpose: logins, logouts and deleting the
 * session folder leave the pins alone. Replaced atomically: a crash leaves the old or the new pins.
 */
final class KnownServers {

    static final String FILE = "known-servers.json";

    /** The file's content. */
    record Content(List<Pin> servers) {
    }

    /** One pinned server: its normalised URL, the certificate's fingerprint and when it was pinned. */
    record Pin(String server, String fingerprint, Instant pinned) {
    }

    private final Path file;

    KnownServers(Path workspace) {
        this.file = workspace.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** The fingerprint pinned for {@code server}, if any. */
    synchronized Optional<CertificateFingerprint> pinned(URI server) throws IOException {
        String key = key(server);
        for (Pin pin : read()) {
            if (key.equals(pin.server())) {
                return Optional.of(parse(pin));
            }
        }
        return Optional.empty();
    }

    /** Pins {@code fingerprint} for {@code server}, replacing the pin kept before. */
    synchronized void pin(URI server, CertificateFingerprint fingerprint, Instant now) throws IOException {
        String key = key(server);
        List<Pin> pins = new ArrayList<>(read());
        pins.removeIf(pin -> key.equals(pin.server()));
        pins.add(new Pin(key, fingerprint.value(), now));
        byte[] bytes = (ProtocolJson.write(new Content(pins)) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, bytes);
    }

    private List<Pin> read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        try {
            Content content = ProtocolJson.read(text, Content.class);
            return content.servers() == null ? List.of() : content.servers();
        } catch (JsonParseException e) {
            // Refusing every login is safer than forgetting the pins (a forgotten pin would be re-asked).
            throw new IOException(file + " is damaged (" + e.getMessage() + "): repair or delete it; deleting it "
                    + "means every server's fingerprint is asked for again", e);
        }
    }

    private CertificateFingerprint parse(Pin pin) throws IOException {
        try {
            return CertificateFingerprint.parse(pin.fingerprint());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: the pin of " + pin.server() + " " + e.getMessage(), e);
        }
    }

    /**
     * The server URL as pins are kept: scheme and host in lower case, the port always written, the path
     * without trailing slashes — so that {@code HTTPS://Airgap:443/} and {@code https://airgap} share one pin.
     */
    static String key(URI server) {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        int port = server.getPort() >= 0 ? server.getPort() : scheme.equals("https") ? 443 : 80;
        String path = server.getRawPath() == null ? "" : server.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + server.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    }
}
