package org.airgap.server.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.airgap.protocol.ServerSignature;

/**
 * The server's Ed25519 signing key (docs/server.md, "The signing key"): it signs what laptops store from a
 * sync — the definitions and the offline-login verifier — so that a laptop, which pins the public key at its
 * first login, refuses anything planted on the way or on its disk. {@code airgap-server init} {@link #create
 * creates} it in {@code DATA/tls/signing.key} (0600; PEM: the PKCS#8 private key and the X.509 public key);
 * the server refuses to start without it.
 */
public final class ServerSigningKey {

    /** Where the key is, relative to the data directory. */
    public static final Path FILE = Path.of("tls", "signing.key");

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private final Path file;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ServerSigningKey(Path file, PrivateKey privateKey, PublicKey publicKey) {
        this.file = file;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key's file in {@code dataDirectory}. */
    public static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE);
    }

    /** Whether {@code dataDirectory} has its signing key. */
    public static boolean exists(Path dataDirectory) {
        return Files.exists(file(dataDirectory));
    }

    /**
     * Generates a new key in {@code dataDirectory} (the file and, when new, its folder private to this account).
     *
     * @throws FileAlreadyExistsException when there is one already (it is never overwritten: laptops pinned it)
     */
    public static ServerSigningKey create(Path dataDirectory) throws IOException {
        Path file = file(dataDirectory);
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a signing key is there already");
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ServerSignature.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the server's signing key: " + e.getMessage(), e);
        }
        String pem = pem(PRIVATE, pair.getPrivate().getEncoded()) + pem(PUBLIC, pair.getPublic().getEncoded());
        ServerKeystore.writePrivate(file, pem.getBytes(StandardCharsets.US_ASCII));
        return new ServerSigningKey(file, pair.getPrivate(), pair.getPublic());
    }

    /**
     * The key of {@code dataDirectory}; the two keys in the file must belong together.
     *
     * @throws IOException naming the file and what to do (init, when it is missing)
     */
    public static ServerSigningKey load(Path dataDirectory) throws IOException {
        Path file = file(dataDirectory);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IOException(dataDirectory + " has no signing key (" + file + "): a data directory from an"
                    + " earlier release; run airgap-server init --data " + dataDirectory
                    + " to generate it (the rest is kept)", e);
        }
        byte[] privateBytes = null;
        byte[] publicBytes = null;
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            if (block.group(1).equals(PRIVATE)) {
                privateBytes = der;
            } else if (block.group(1).equals(PUBLIC)) {
                publicBytes = der;
            }
        }
        if (privateBytes == null || publicBytes == null) {
            throw new IOException(file + " is not the server's signing key: it needs a PEM " + PRIVATE + " and a "
                    + PUBLIC + " block");
        }
        try {
            KeyFactory keys = KeyFactory.getInstance(ServerSignature.ALGORITHM);
            ServerSigningKey key = new ServerSigningKey(file, keys.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)),
                    keys.generatePublic(new X509EncodedKeySpec(publicBytes)));
            byte[] probe = "airgap signing key probe".getBytes(StandardCharsets.US_ASCII);
            if (!ServerSignature.verifies(key.publicKey, "probe", "", probe, key.sign("probe", "", probe))) {
                throw new IOException(file + " holds a private and a public key that do not belong together");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " cannot be read as an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    /** The Base64 signature over {@link ServerSignature#signedBytes}{@code (context, binding, body)}. */
    public String sign(String context, String binding, byte[] body) {
        try {
            Signature signer = Signature.getInstance(ServerSignature.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(ServerSignature.signedBytes(context, binding, body));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed with the key of " + file + ": " + e.getMessage(), e);
        }
    }

    /** The public key as laptops pin it ({@link ServerSignature#encode}). */
    public String publicKey() {
        return ServerSignature.encode(publicKey);
    }

    /** The public key's fingerprint, which technicians compare when a laptop re-pins it. */
    public String fingerprint() {
        return ServerSignature.fingerprint(publicKey());
    }

    public Path file() {
        return file;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
