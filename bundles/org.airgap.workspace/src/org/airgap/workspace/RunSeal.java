package org.airgap.workspace;

/**
 * A run's signature by its laptop, kept beside the run until the server has it (docs/formats.md, "Laptop
 * key and run signatures"); the signed bytes are {@link org.airgap.model.RunSigning#signedBytes}'s.
 *
 * @param kind       {@link org.airgap.model.RunSigning#RUN_END}, or {@link org.airgap.model.RunSigning#BEFORE_KEY}
 *                   for a run recorded before the laptop had its key
 * @param laptopId   the signing laptop
 * @param technician who ran it
 * @param auditHead  the hash of the laptop's audit entry recording the run's end; empty when none
 * @param signature  the Ed25519 signature, base64
 * @since 0.2
 */
public record RunSeal(String kind, String laptopId, String technician, String auditHead, String signature) {
}
