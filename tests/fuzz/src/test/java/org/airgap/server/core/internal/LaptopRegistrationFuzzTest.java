package org.airgap.server.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.airgap.fuzz.Contract;
import org.airgap.model.RunSigning;
import org.airgap.protocol.LaptopRegistration;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.core.ServerException;

import com.google.gson.JsonParseException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A body of {@code POST /api/laptops} (a laptop's key registration, capped at 4 KiB by the servlet before it is
 * parsed): read as the servlet reads it, then checked by the registration's rules (LaptopKeys.checkRegistration).
 * Either step refuses with its documented exception and a message; what passes fits the {@code laptops} table
 * (id up to 100, key up to 400 characters, no NUL, which PostgreSQL cannot store) and is an Ed25519 key.
 */
class LaptopRegistrationFuzzTest {

    /** LaptopsServlet's limit. */
    private static final int MAX_BODY_BYTES = 4096;

    @FuzzTest(maxDuration = "10m")
    void register(byte[] input) throws GeneralSecurityException {
        if (input.length > MAX_BODY_BYTES) {
            return; // 413 before parsing (LaptopRegistrationTest)
        }
        LaptopRegistration registration;
        try {
            registration = ProtocolJson.read(new String(input, StandardCharsets.UTF_8), LaptopRegistration.class);
        } catch (JsonParseException e) {
            Contract.requireMessage(e);
            return;
        }
        if (registration.laptopId() == null || registration.publicKey() == null) {
            return; // the servlet's 400 naming both fields
        }
        try {
            LaptopKeys.checkRegistration(registration.laptopId(), registration.publicKey());
        } catch (ServerException e) {
            Contract.requireMessage(e);
            if (e.kind() != ServerException.Kind.BAD_REQUEST) {
                throw new AssertionError("a malformed registration must be a 400, was " + e.kind(), e);
            }
            return;
        }
        String id = registration.laptopId();
        String key = registration.publicKey();
        if (id.length() > 100 || key.length() > 400 || id.indexOf('\0') >= 0 || key.indexOf('\0') >= 0) {
            throw new AssertionError("an accepted registration does not fit the laptops table: id '" + id
                    + "', key '" + key + "'");
        }
        RunSigning.publicKey(key);
        LaptopKeys.fingerprint(key);
    }
}
