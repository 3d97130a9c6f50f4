package org.airgap.protocol;

/**
 * An {@link OfflineGrant} signed by the server (docs/formats.md, "Server signatures"): {@code payload} is the
 * Base64 of the grant's JSON bytes, {@code signature} the Base64 Ed25519 signature of the server's signing key
 * over {@link ServerSignature#signedBytes} with context {@link ServerSignature#VERIFIER}, an empty binding and
 * those JSON bytes. The laptop stores it as received and checks it again at every offline login.
 */
public record SignedVerifier(String payload, String signature) {
}
