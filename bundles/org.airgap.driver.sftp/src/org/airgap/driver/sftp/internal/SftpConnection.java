package org.airgap.driver.sftp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ProblemKind;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * One logged-in SFTP session with a device: its own {@link SshClient} (so that the host key check and
 * the timeouts belong to this connection only), the host key checked against the pin or the job's
 * fingerprint, and pinned after the first successful login.
 */
final class SftpConnection implements Closeable {

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final String hostKeyFingerprint;

    private SftpConnection(SshClient client, ClientSession session, SftpClient sftp, String hostKeyFingerprint) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.hostKeyFingerprint = hostKeyFingerprint;
    }

    SftpClient sftp() {
        return sftp;
    }

    String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    String serverVersion() {
        return session.getServerVersion();
    }

    /** Connects, checks the host key, logs in and opens SFTP; every step bounded by the job's timeout. */
    static SftpConnection open(SftpSettings settings, KnownHosts knownHosts, DriverProgress progress)
            throws DeviceProblemException {
        List<KeyPair> keys = settings.privateKey() == null ? List.of() : loadKeys(settings);
        HostKeyCheck check = new HostKeyCheck(settings, knownHosts);
        SshClient client = SshClient.setUpDefaultClient();
        // The defaults read ~/.ssh/config and ~/.ssh/id_*: a backup must depend on the job, not on the
        // account Airgap runs under.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(check);
        preferPinnedKeyType(client, settings, knownHosts);
        preferAes(client);
        preferCurve25519(client);
        Duration timeout = settings.timeout();
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, timeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, timeout);
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, timeout);
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, timeout);
        // A device that stops answering mid-transfer: SFTP replies are awaited this long, then the
        // session closes instead of hanging the run.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, timeout);
        // SFTP requests are small packets: Nagle's algorithm would hold each back until the previous one
        // is acknowledged. A larger window lets more read requests be answered before the next adjustment.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        CoreModuleProperties.WINDOW_SIZE.set(client, 8L * 1024 * 1024);
        client.start();
        ClientSession session = null;
        try {
            session = connect(client, settings);
            for (KeyPair key : keys) {
                session.addPublicKeyIdentity(key);
            }
            if (settings.password() != null) {
                session.addPasswordIdentity(settings.password());
            }
            login(session, settings, check);
            check.pinIfNew(progress);
            SftpClient sftp;
            try {
                sftp = SftpClientFactory.instance().createSftpClient(session);
            } catch (IOException | RuntimeException e) {
                throw noSftpChannel(settings, session, e);
            }
            return new SftpConnection(client, session, sftp, check.presentedFingerprint);
        } catch (DeviceProblemException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.close(true);
            throw e;
        }
    }

    /**
     * Why no SFTP channel opened after the login: the device let the time pass (busy, overloaded: TIMEOUT, worth
     * another attempt), closed the connection, or refused the subsystem (no SFTP server enabled).
     */
    private static DeviceProblemException noSftpChannel(SftpSettings settings, ClientSession session, Exception e) {
        String login = settings.address() + " accepted the login of '" + settings.user() + "' but ";
        if (isTimeout(e)) {
            return new DeviceProblemException(ProblemKind.TIMEOUT, login + "did not open an SFTP channel within "
                    + settings.timeoutText() + " (" + describe(e) + "): the device may be busy; run the job again, or"
                    + " raise the job's timeout", e);
        }
        if (!session.isOpen()) {
            return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, login + "closed the connection while the"
                    + " SFTP channel was being opened (" + describe(e) + "): run the job again; if it persists, check"
                    + " the device's SSH server log", e);
        }
        return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, login + "does not offer SFTP (" + describe(e)
                + "): check that the device's SFTP server (subsystem) is enabled", e);
    }

    /**
     * A device with several host keys (RSA, ECDSA, Ed25519) presents the one the client asks for first. Asking
     * for the pinned key's type first (as OpenSSH does with known hosts) keeps the pin valid when the
     * default order changes, e.g. when a later release supports more algorithms.
     */
    private static void preferPinnedKeyType(SshClient client, SftpSettings settings, KnownHosts knownHosts)
            throws DeviceProblemException {
        KnownHosts.Pin pin;
        try {
            pin = knownHosts.find(settings.host(), settings.port());
        } catch (IOException e) {
            throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "Cannot read the pinned SSH host keys in "
                    + knownHosts.file() + " (" + describe(e) + "): check that this file is readable", e);
        }
        if (pin == null) {
            return;
        }
        String keyType = pin.keyType();
        List<NamedFactory<Signature>> factories = new ArrayList<>(client.getSignatureFactories());
        // Signature algorithms of RSA keys are named rsa-sha2-256/512 and ssh-rsa; the others by the key type.
        factories.sort(Comparator.comparing((NamedFactory<Signature> factory) -> !(factory.getName().equals(keyType)
                || keyType.equals(KeyPairProvider.SSH_RSA) && factory.getName().startsWith("rsa-sha2-"))));
        client.setSignatureFactories(factories);
    }

    /**
     * MINA SSHD asks for ChaCha20-Poly1305 first, which it computes in plain Java: at about 15 MB/s on a
     * loaded laptop core it limits the transfer. The JDK computes AES with the processor's instructions;
     * AES-GCM (no separate MAC) first, then AES-CTR, then the rest in MINA's order.
     */
    private static void preferAes(SshClient client) {
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>(client.getCipherFactories());
        ciphers.sort(Comparator.comparingInt((NamedFactory<Cipher> cipher) -> cipher.getName().startsWith("aes")
                ? cipher.getName().contains("gcm") ? 0 : 1 : 2));
        client.setCipherFactories(ciphers);
    }

    /**
     * With Bouncy Castle present MINA SSHD asks first for the post-quantum hybrid sntrup761x25519, which
     * Bouncy Castle computes in 1–2 s of CPU on a fresh JVM (a quarter of a whole small backup).
     * Curve25519, which the driver negotiated before Bouncy Castle was shipped (for Ed25519), comes first
     * again; the hybrids stay offered after it.
     */
    private static void preferCurve25519(SshClient client) {
        List<KeyExchangeFactory> exchanges = new ArrayList<>(client.getKeyExchangeFactories());
        exchanges.sort(Comparator.comparingInt((KeyExchangeFactory exchange) -> exchange.getName()
                .startsWith("curve25519-") ? 0 : 1));
        client.setKeyExchangeFactories(exchanges);
    }

    private static ClientSession connect(SshClient client, SftpSettings settings) throws DeviceProblemException {
        ConnectFuture connect;
        try {
            connect = client.connect(settings.user(), settings.host(), settings.port());
        } catch (IOException | RuntimeException e) {
            throw unreachable(settings, e);
        }
        if (!awaitQuietly(connect, settings.timeout())) {
            connect.cancel();
            throw new DeviceProblemException(ProblemKind.UNREACHABLE, settings.address() + " did not answer within "
                    + settings.timeoutText() + ": check the cable, the device's IP address and port, and any firewall");
        }
        if (connect.getException() != null) {
            throw unreachable(settings, connect.getException());
        }
        return connect.getClientSession();
    }

    private static void login(ClientSession session, SftpSettings settings, HostKeyCheck check)
            throws DeviceProblemException {
        AuthFuture auth;
        try {
            auth = session.auth();
        } catch (IOException | RuntimeException e) {
            throw handshakeFailed(settings, check, e);
        }
        boolean done = awaitQuietly(auth, settings.timeout());
        if (check.refusal != null) {
            throw check.refusal;
        }
        if (!done) {
            throw new DeviceProblemException(ProblemKind.TIMEOUT, settings.address() + " did not complete the SSH login within "
                    + settings.timeoutText() + ": the device may be overloaded; try again or raise the timeout");
        }
        if (!auth.isSuccess()) {
            throw handshakeFailed(settings, check, auth.getException());
        }
    }

    private static DeviceProblemException handshakeFailed(SftpSettings settings, HostKeyCheck check, Throwable e) {
        if (check.refusal != null) {
            return check.refusal;
        }
        if (!check.called) {
            // The key exchange never reached the host key: not an SSH server, or one we share no algorithm with.
            return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.address()
                    + " answered, but the SSH handshake failed (" + describe(e)
                    + "): check that the port is the device's SSH/SFTP port", e);
        }
        String with = settings.privateKey() != null && settings.password() != null
                ? "the key " + settings.privateKey() + " or the password"
                : settings.privateKey() != null ? "the key " + settings.privateKey() : "the password";
        return new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, settings.address() + " refused the login of user '"
                + settings.user() + "' with " + with + " (" + describe(e)
                + "): check the user name and credentials in the job", e);
    }

    private static DeviceProblemException unreachable(SftpSettings settings, Throwable e) {
        Throwable cause = rootCause(e);
        String message;
        if (cause instanceof ConnectException) {
            message = settings.address() + " refused the connection (" + describe(cause)
                    + "): check the device's IP address and port and that its SSH/SFTP server is enabled";
        } else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            message = "The host name '" + settings.host()
                    + "' cannot be resolved: check the spelling or use the device's IP address";
        } else if (cause instanceof NoRouteToHostException) {
            message = "No route to " + settings.address()
                    + ": check the cable, the device's IP address and this computer's network settings";
        } else if (isTimeout(cause)) {
            message = settings.address() + " did not answer within " + settings.timeoutText()
                    + ": check the cable, the device's IP address and port, and any firewall";
        } else {
            message = "Cannot connect to " + settings.address() + " (" + describe(cause)
                    + "): check the device's IP address and port";
        }
        return new DeviceProblemException(ProblemKind.UNREACHABLE, message, e);
    }

    private static List<KeyPair> loadKeys(SftpSettings settings) throws DeviceProblemException {
        String file = settings.privateKey().toString();
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(settings.privateKey())) {
            FilePasswordProvider passphrase = settings.passphrase() == null ? FilePasswordProvider.EMPTY
                    : FilePasswordProvider.of(settings.passphrase());
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file), in,
                    passphrase);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (NoSuchFileException e) {
            throw new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, "The private key file " + file
                    + " does not exist on this computer: check the job's privateKey");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, "Cannot read the private key file " + file + " ("
                    + describe(e) + "): check the passphrase; OpenSSH and PEM keys of type RSA, ECDSA or Ed25519 are supported",
                    e);
        }
        if (keys.isEmpty()) {
            throw new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, "The file " + file
                    + " holds no private key this driver can read: OpenSSH and PEM keys of type RSA, ECDSA or Ed25519 are supported");
        }
        return keys;
    }

    private static boolean awaitQuietly(org.apache.sshd.common.future.WaitableFuture future, Duration timeout)
            throws DeviceProblemException {
        try {
            return future.await(timeout.toMillis());
        } catch (IOException e) {
            // await throws only when interrupted
            Thread.currentThread().interrupt();
            throw new DeviceProblemException(ProblemKind.CANCELLED, "Interrupted while waiting for the device", e);
        }
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof InterruptedByTimeoutException
                    || t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** An exception in a few words for a technician: its message, else its type. */
    static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException | RuntimeException e) {
            // the session is closed next anyway
        }
        // A graceful close tells the device we are done; bounded, since a dead link never answers.
        try {
            session.close(false).await(2_000);
        } catch (IOException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close(true);
        }
    }

    /**
     * Checks the server's host key during the key exchange: against the job's fingerprint when it has
     * one, else against the pinned key. A refusal is kept so that the login failure that follows can be
     * reported as what it is.
     */
    private static final class HostKeyCheck implements ServerKeyVerifier {

        private final SftpSettings settings;
        private final KnownHosts knownHosts;
        volatile boolean called;
        volatile DeviceProblemException refusal;
        volatile String presentedType;
        volatile String presentedKey;
        volatile String presentedFingerprint;
        volatile KnownHosts.Pin pinned;

        HostKeyCheck(SftpSettings settings, KnownHosts knownHosts) {
            this.settings = settings;
            this.knownHosts = knownHosts;
        }

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
            called = true;
            try {
                String[] entry = PublicKeyEntry.toString(serverKey).split(" ");
                presentedType = entry[0];
                presentedKey = entry[1];
                presentedFingerprint = KnownHosts.fingerprint(presentedKey);
                pinned = knownHosts.find(settings.host(), settings.port());
                String expected = settings.hostKeyFingerprint();
                if (expected != null) {
                    if (!KnownHosts.sameFingerprint(expected, presentedFingerprint)) {
                        refusal = new DeviceProblemException(ProblemKind.IDENTITY_CHANGED, "The SSH host key of "
                                + settings.address() + " is " + presentedFingerprint + ", not " + expected
                                + " as the job's hostKeyFingerprint says — if the device was replaced, set "
                                + "hostKeyFingerprint to the new key; otherwise someone may be intercepting the "
                                + "connection. Nothing was read.");
                        return false;
                    }
                    return true;
                }
                if (pinned != null && !KnownHosts.sameFingerprint(pinned.fingerprint(), presentedFingerprint)) {
                    refusal = new DeviceProblemException(ProblemKind.IDENTITY_CHANGED, "The SSH host key of "
                            + settings.address() + " changed from " + pinned.fingerprint() + " to "
                            + presentedFingerprint + " — if the device was replaced, remove the pinned key (line "
                            + pinned.lineNumber() + " of " + knownHosts.file() + ") or set the job's "
                            + "hostKeyFingerprint to " + presentedFingerprint
                            + "; otherwise someone may be intercepting the connection. Nothing was read.");
                    return false;
                }
                return true;
            } catch (IOException | RuntimeException e) {
                refusal = new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "Cannot check the SSH host key of "
                        + settings.address() + " against " + knownHosts.file() + " (" + describe(e)
                        + "): check that this file is readable and well-formed", e);
                return false;
            }
        }

        /** After a successful login: pins the key when none was pinned (or the job's fingerprint replaced it). */
        void pinIfNew(DriverProgress progress) throws DeviceProblemException {
            boolean samePin = pinned != null && KnownHosts.sameFingerprint(pinned.fingerprint(), presentedFingerprint);
            if (samePin) {
                progress.log("SSH host key of " + settings.address() + " matches the pinned " + presentedFingerprint);
                return;
            }
            try {
                knownHosts.pin(settings.host(), settings.port(), presentedType, presentedKey);
            } catch (IOException e) {
                throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "Cannot pin the SSH host key of "
                        + settings.address() + " in " + knownHosts.file() + " (" + describe(e)
                        + "): check that the folder is writable", e);
            }
            if (pinned == null) {
                progress.log("Pinned the SSH host key of " + settings.address() + " on first use: " + presentedType
                        + " " + presentedFingerprint + " (in " + knownHosts.file() + ")");
            } else {
                progress.log("Replaced the pinned SSH host key of " + settings.address() + " (" + pinned.fingerprint()
                        + ") by " + presentedFingerprint + ", as the job's hostKeyFingerprint says");
            }
        }
    }
}
