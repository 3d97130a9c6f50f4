package org.airgap.protocol;

/**
 * A run's signature by the laptop that recorded it, sent with the run ({@link UploadRequest#signature()});
 * the server verifies it against the laptop's registered key over
 * {@link org.airgap.model.RunSigning#signedBytes} (docs/formats.md, "Laptop key and run signatures").
 *
 * @param kind       {@code RUN_END}, or {@code BEFORE_KEY} for a run recorded before the laptop had its key
 * @param laptopId   the laptop whose key signed it
 * @param technician who ran it
 * @param auditHead  the hash of the laptop's audit entry recording the run's end; empty for none
 * @param signature  Ed25519 signature, base64
 * @since 0.2
 */
public record RunSignature(String kind, String laptopId, String technician, String auditHead, String signature) {
}
