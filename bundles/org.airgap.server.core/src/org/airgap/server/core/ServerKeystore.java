package org.airgap.server.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.server.core.internal.SelfSignedCertificate;

/**
 * The server's TLS key and certificate in a PKCS#12 keystore, with its password in a file of its own
 * (docs/server.md, "TLS"). {@code airgap-server init} {@link #create creates} one with a self-signed
 * certificate; the server {@link #load loads} it, the generated one or the administrator's, and hands
 * Jetty its path and password. Technicians' laptops pin the certificate's {@link #fingerprint}.
 */
public final class ServerKeystore {

    public static final String TYPE = "PKCS12";
    /** The alias of the key in a generated keystore. */
    public static final String ALIAS = "airgap-server";
    /**
     * How long a generated certificate is valid. Laptops pin it: a new certificate means every technician
     * must check and re-pin a fingerprint, and frequent changes would teach them to accept any. The key
     * never leaves the private data directory; to replace it, delete the keystore and run init again.
     */
    public static final Period VALIDITY = Period.ofYears(10);

    private final Path keystore;
    private final char[] password;
    private final X509Certificate certificate;

    private ServerKeystore(Path keystore, char[] password, X509Certificate certificate) {
        this.keystore = keystore;
        this.password = password;
        this.certificate = certificate;
    }

    /**
     * Generates an EC P-256 key and a self-signed certificate for this machine's names ({@code localhost},
     * 127.0.0.1, ::1, its host name) and {@code extraNames}, valid for {@link #VALIDITY}, and writes them
     * to {@code keystore} with a new random password in {@code passwordFile}; both files (and their folder,
     * when it is new) are private to this account (0600, 0700). An existing password file is replaced.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code keystore} exists (it is never overwritten)
     */
    public static ServerKeystore create(Path keystore, Path passwordFile, List<String> extraNames) throws IOException {
        if (Files.exists(keystore)) {
            throw new FileAlreadyExistsException(keystore.toString(), null, "a keystore is there already");
        }
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
        SelfSignedCertificate generated;
        byte[] stored;
        try {
            generated = SelfSignedCertificate.create(SelfSignedCertificate.machineNames(extraNames),
                    VALIDITY, random);
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            store.setKeyEntry(ALIAS, generated.keyPair.getPrivate(), password,
                    new Certificate[] { generated.certificate });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            stored = bytes.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the server's key and certificate: " + e.getMessage(), e);
        }
        writePrivate(passwordFile, (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
        writePrivate(keystore, stored);
        return new ServerKeystore(keystore, password, generated.certificate);
    }

    /**
     * The keystore at {@code keystore} opened with the password in {@code passwordFile}: it must hold
     * exactly one key with its certificate.
     *
     * @throws IOException with a message naming the file and what to do
     */
    public static ServerKeystore load(Path keystore, Path passwordFile) throws IOException {
        char[] password;
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            password = text.lines().findFirst().orElse("").strip().toCharArray();
        } catch (NoSuchFileException e) {
            throw new IOException("the keystore password file " + passwordFile + " does not exist", e);
        }
        if (password.length == 0) {
            throw new IOException("the keystore password file " + passwordFile + " is empty: its first line is the"
                    + " password of " + keystore);
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance(TYPE);
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IOException("the keystore " + keystore + " does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(keystore + " cannot be opened as a PKCS#12 keystore with the password in "
                    + passwordFile + ": " + e.getMessage(), e);
        }
        try {
            List<String> keys = Collections.list(store.aliases()).stream().filter(alias -> isKey(store, alias)).toList();
            if (keys.size() != 1) {
                throw new IOException(keystore + " holds " + keys.size() + " keys; the server needs a keystore with"
                        + " exactly one key and its certificate");
            }
            if (!(store.getCertificate(keys.get(0)) instanceof X509Certificate certificate)) {
                throw new IOException(keystore + " has no X.509 certificate for its key " + keys.get(0));
            }
            // Jetty opens the key with the keystore's password: a key with another one would fail there.
            store.getKey(keys.get(0), password);
            return new ServerKeystore(keystore, password, certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("the key in " + keystore + " cannot be opened with the password in " + passwordFile
                    + " (the key and the keystore must have the same password): " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether {@code name} may be given as a certificate name: a DNS name or an IP address. */
    public static boolean isValidName(String name) {
        return SelfSignedCertificate.isValidName(name);
    }

    public Path keystore() {
        return keystore;
    }

    /** The password of the keystore and its key, for Jetty. */
    public String password() {
        return new String(password);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public CertificateFingerprint fingerprint() {
        return CertificateFingerprint.of(certificate);
    }

    /** Writes {@code content} to a new file only this account can read, then moves it into place. */
    static void writePrivate(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileAttributeView(folder.getRoot(), PosixFileAttributeView.class) != null;
        if (!Files.isDirectory(folder)) {
            if (posix) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
        }
        Path temporary = posix
                ? Files.createTempFile(folder, file.getFileName().toString(), ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, file.getFileName().toString(), ".new");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(content);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
