package org.airgap.protocol;

/** How much of a blob the server has: received == size means stored and verified. */
public record BlobStatus(String sha256, long size, long received) {
}
