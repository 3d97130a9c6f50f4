package org.airgap.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The run signature's bytes and its Ed25519 sign/verify (docs/formats.md, "Laptop key and run signatures"). */
class RunSigningTest {

    private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
    private static final String HEAD = "a".repeat(64);

    private static Run run(String snapshotId, DeviceIdentity device) {
        return new Run("r1", "job-plc", START, START.plusSeconds(60), 1, RunOutcome.SUCCEEDED, device, snapshotId,
                CompareResult.EQUAL, CompareResult.EQUAL, List.of());
    }

    @Test
    void aSignatureVerifiesOnlyTheBytesItSigned() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance(RunSigning.ALGORITHM).generateKeyPair();
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        Run run = run("1".repeat(64), DeviceIdentity.UNKNOWN);
        byte[] bytes = RunSigning.signedBytes(run, RunSigning.RUN_END, "laptop-1", "anna", HEAD);
        String signature = RunSigning.sign(pair.getPrivate(), bytes);

        assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("airgap-run-signature/1\nkind=RUN_END\n"
                + "laptop=laptop-1\ntechnician=anna\naudit-head=" + HEAD + "\n{"));
        assertTrue(RunSigning.verifies(publicKey, bytes, signature));
        // Any other manifest id, device, technician, kind or audit head is other bytes.
        assertFalse(RunSigning.verifies(publicKey, RunSigning.signedBytes(run("2".repeat(64), DeviceIdentity.UNKNOWN),
                RunSigning.RUN_END, "laptop-1", "anna", HEAD), signature));
        assertFalse(RunSigning.verifies(publicKey, RunSigning.signedBytes(run("1".repeat(64),
                new DeviceIdentity("Siemens", null, null, null)), RunSigning.RUN_END, "laptop-1", "anna", HEAD),
                signature));
        assertFalse(RunSigning.verifies(publicKey, RunSigning.signedBytes(run, RunSigning.RUN_END, "laptop-1", "bert",
                HEAD), signature));
        assertFalse(RunSigning.verifies(publicKey, RunSigning.signedBytes(run, RunSigning.BEFORE_KEY, "laptop-1",
                "anna", HEAD), signature));
        assertFalse(RunSigning.verifies(publicKey, RunSigning.signedBytes(run, RunSigning.RUN_END, "laptop-1", "anna",
                ""), signature));
        // Another key, a malformed key or signature: false, no exception.
        String otherKey = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance(RunSigning.ALGORITHM)
                .generateKeyPair().getPublic().getEncoded());
        assertFalse(RunSigning.verifies(otherKey, bytes, signature));
        assertFalse(RunSigning.verifies("not a key", bytes, signature));
        assertFalse(RunSigning.verifies(publicKey, bytes, "not base64!"));
        assertFalse(RunSigning.verifies(publicKey, bytes, null));
    }

    @Test
    void aValueWithALineBreakCannotForgeAnotherLine() {
        Run run = run(null, DeviceIdentity.UNKNOWN);
        assertThrows(IllegalArgumentException.class,
                () -> RunSigning.signedBytes(run, RunSigning.RUN_END, "laptop-1", "anna\naudit-head=x", HEAD));
        assertThrows(IllegalArgumentException.class,
                () -> RunSigning.signedBytes(run, RunSigning.RUN_END, "laptop-1\r", "anna", HEAD));
    }
}
