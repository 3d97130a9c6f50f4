package org.airgap.server.core;

import java.nio.file.Path;

/**
 * The {@code [TLS]} section of server.ini (docs/server.md, "TLS"): the PKCS#12 keystore with the
 * server's key and certificate and the file holding its password, or plain HTTP, which the server
 * accepts only on a loopback address.
 *
 * @param keystore     the PKCS#12 keystore (by default the one {@code airgap-server init} generates)
 * @param passwordFile the file whose first line is the keystore's (and key's) password
 * @param plainHttp    serve plain HTTP instead of HTTPS: only for tests and demos on this machine
 */
public record TlsSettings(Path keystore, Path passwordFile, boolean plainHttp) {

    /** Where {@code airgap-server init} puts the generated keystore, relative to the data directory. */
    public static final Path GENERATED_KEYSTORE = Path.of("tls", "server.p12");
    /** Where {@code airgap-server init} puts the generated keystore's password. */
    public static final Path GENERATED_PASSWORD_FILE = Path.of("tls", "server.p12.password");

    public TlsSettings {
        if (keystore == null || passwordFile == null) {
            throw new IllegalArgumentException("a keystore and its password file are needed, even for plain HTTP");
        }
    }

    /** HTTPS with the keystore {@code airgap-server init} generates in {@code dataDirectory}. */
    public static TlsSettings generated(Path dataDirectory) {
        return new TlsSettings(dataDirectory.resolve(GENERATED_KEYSTORE), dataDirectory.resolve(GENERATED_PASSWORD_FILE),
                false);
    }

    /** Whether the keystore is the generated one of {@code dataDirectory} (init may create it). */
    public boolean isGenerated(Path dataDirectory) {
        return keystore.equals(dataDirectory.resolve(GENERATED_KEYSTORE))
                && passwordFile.equals(dataDirectory.resolve(GENERATED_PASSWORD_FILE));
    }

    /** The same with plain HTTP on or off. */
    public TlsSettings withPlainHttp(boolean plain) {
        return new TlsSettings(keystore, passwordFile, plain);
    }
}
