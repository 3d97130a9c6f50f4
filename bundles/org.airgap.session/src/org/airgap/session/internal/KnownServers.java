package org.airgap.session.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.ServerSignature;
import org.airgap.session.SessionException;
import org.airgap.workspace.SealedFiles;

import com.google.gson.JsonParseException;

/**
 * The certificates and signing keys pinned on this laptop, one entry per server URL ({@code <workspace>/known-servers.json}, the
 * laptop's {@code known_hosts}). Outside {@code session/} on purpose: logins, logouts and deleting the
 * session folder leave the pins alone. Replaced atomically: a crash leaves the old or the new pins. Sealed in an
 * encrypted workspace ({@link SealedFiles}): whoever can write the workspace cannot pin another signing key.
 */
final class KnownServers {

    static final String FILE = SealedFiles.KNOWN_SERVERS;

    /** The file's content. */
    record Content(List<Pin> servers) {
    }

    /**
     * One pinned server: its normalised URL, the certificate's fingerprint ({@code null}: none pinned, a certificate
     * of a trusted authority) and when it was pinned; the server's signing key ({@link ServerSignature#encode},
     * {@code null} until the first login that brought it) and the fingerprint of a signing key the technician
     * accepted for the next login ({@code null}: none).
     */
    record Pin(String server, String fingerprint, Instant pinned, String signingKey, String acceptSigningKey) {
        Pin(String server, String fingerprint, Instant pinned) {
            this(server, fingerprint, pinned, null, null);
        }
    }

    private final Path file;
    private final SealedFiles files;

    /** The pins of a workspace, read and written through {@code files} (sealed in an encrypted workspace). */
    KnownServers(Path workspace, SealedFiles files) {
        this.file = workspace.resolve(FILE);
        this.files = files;
    }

    /** The pins of a workspace as it is now: plain when it is not encrypted, else locked (tests). */
    KnownServers(Path workspace) {
        this(workspace, SealedFiles.of(workspace, (byte[]) null));
    }

    Path file() {
        return file;
    }

    /** The fingerprint pinned for {@code server}, if any. */
    synchronized Optional<CertificateFingerprint> pinned(URI server) throws IOException {
        String key = key(server);
        for (Pin pin : read()) {
            if (key.equals(pin.server()) && pin.fingerprint() != null) {
                return Optional.of(parse(pin));
            }
        }
        return Optional.empty();
    }

    /** Pins {@code fingerprint} for {@code server}, replacing the pin kept before. */
    synchronized void pin(URI server, CertificateFingerprint fingerprint, Instant now) throws IOException {
        Optional<Pin> earlier = entry(server);
        // The signing key stays pinned: a new certificate is no reason to trust another signer.
        replace(new Pin(key(server), fingerprint.value(), now, earlier.map(Pin::signingKey).orElse(null),
                earlier.map(Pin::acceptSigningKey).orElse(null)));
    }

    private Optional<Pin> entry(URI server) throws IOException {
        String key = key(server);
        return read().stream().filter(pin -> key.equals(pin.server())).findFirst();
    }

    private void replace(Pin entry) throws IOException {
        List<Pin> pins = new ArrayList<>(read());
        pins.removeIf(pin -> entry.server().equals(pin.server()));
        pins.add(entry);
        files.write(file, (ProtocolJson.write(new Content(pins)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The signing key pinned for {@code server} ({@link ServerSignature#encode}), if any. */
    synchronized Optional<String> signingKey(URI server) throws IOException {
        return entry(server).map(Pin::signingKey);
    }

    /**
     * Checks the signing key a login at {@code server} presented: pinned when none is (the first login) or when it
     * is the one the technician accepted; another than the pinned one is refused naming both.
     *
     * @throws SessionException SIGNING_KEY_CHANGED, NOT_AIRGAP_SERVER (no usable key); nothing changes then
     */
    synchronized void checkSigningKey(URI server, String presented, Instant now) throws IOException {
        try {
            ServerSignature.publicKey(presented);
        } catch (IllegalArgumentException e) {
            throw new SessionException(SessionException.Kind.NOT_AIRGAP_SERVER, "the server at " + server
                    + " answered the login without a usable signing key (" + e.getMessage()
                    + ") — is it an Airgap server of this version?");
        }
        Optional<Pin> earlier = entry(server);
        String pinned = earlier.map(Pin::signingKey).orElse(null);
        String accepted = earlier.map(Pin::acceptSigningKey).orElse(null);
        String presentedFingerprint = ServerSignature.fingerprint(presented);
        if (presented.equals(pinned) && accepted == null) {
            return;
        }
        if (pinned == null && accepted == null || presentedFingerprint.equals(accepted)) {
            replace(new Pin(key(server), earlier.map(Pin::fingerprint).orElse(null),
                    earlier.map(Pin::pinned).orElse(now), presented, null));
            return;
        }
        String expected = accepted != null ? accepted : ServerSignature.fingerprint(pinned);
        throw new SessionException(SessionException.Kind.SIGNING_KEY_CHANGED, "the Airgap server at " + server
                + " signs with another key than the one " + (accepted != null ? "accepted" : "pinned")
                + " on this laptop (trusted " + expected + ", presented " + presentedFingerprint + "): someone may be"
                + " impersonating the server, or it was set up anew. Nothing was changed. Ask your administrator for"
                + " the fingerprint of the server's signing key (airgap-server fingerprint --signing-key); if it is "
                + presentedFingerprint + ", trust it: airgap login --server " + server + " --user NAME"
                + " --trust-signing-key " + presentedFingerprint);
    }

    /** Accepts the signing key with {@code fingerprint} at the next login at {@code server}, replacing the pinned one. */
    synchronized void acceptSigningKey(URI server, String fingerprint, Instant now) throws IOException {
        Optional<Pin> earlier = entry(server);
        replace(new Pin(key(server), earlier.map(Pin::fingerprint).orElse(null), earlier.map(Pin::pinned).orElse(now),
                earlier.map(Pin::signingKey).orElse(null), fingerprint));
    }

    private List<Pin> read() throws IOException {
        Optional<byte[]> bytes = files.read(file);
        if (bytes.isEmpty()) {
            return List.of();
        }
        String text = new String(bytes.get(), StandardCharsets.UTF_8);
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
