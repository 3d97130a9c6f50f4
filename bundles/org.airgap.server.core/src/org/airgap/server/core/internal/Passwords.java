package org.airgap.server.core.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256 password hashes: the server's own, and the laptop's offline verifiers. */
final class Passwords {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * PBKDF2 is deliberately slow: at most one computation per core runs at a time, so that a flood of
     * logins leaves CPU to the other requests.
     */
    private static final Semaphore CORES = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    /** Told the iterations of each computation (tests check that unknown users cost as much as known ones). */
    static volatile IntConsumer observer = iterations -> {
    };

    private Passwords() {
    }

    /** A salted hash of a password. */
    record Hash(byte[] salt, int iterations, byte[] hash) {

        /** Whether {@code password} gives this hash, in time independent of where they differ. */
        boolean matches(char[] password) {
            return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
        }
    }

    static Hash hash(char[] password, int iterations) {
        byte[] salt = randomBytes(SALT_BYTES);
        return new Hash(salt, iterations, pbkdf2(password, salt, iterations));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * The iterations come from the server's settings, whose {@code server.ini} must name at least
     * {@link org.airgap.server.core.ServerIni#MIN_PASSWORD_ITERATIONS}; tests configure fewer to run quickly.
     */
    static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        observer.accept(iterations);
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        CORES.acquireUninterruptibly();
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        } finally {
            CORES.release();
            spec.clearPassword();
        }
    }
}
