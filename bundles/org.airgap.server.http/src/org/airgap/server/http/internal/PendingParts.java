package org.airgap.server.http.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * Who is uploading which blob, so that one user cannot fill the server's disk with parts of uploads
 * that are never finished: each part (one per user and blob, {@link UploadArea#partName}) is charged to
 * its user with the blob's announced size, until the blob is stored or the part is discarded or expires.
 * Parts found on disk at start are charged to nobody (they expire after {@code partExpiry}).
 */
final class PendingParts {

    private record Charge(String user, long size) {
    }

    private final long maxBytesPerUser;
    private final Map<String, Charge> charges = new ConcurrentHashMap<>();

    PendingParts(long maxBytesPerUser) {
        this.maxBytesPerUser = maxBytesPerUser;
    }

    /**
     * Charges the user's {@code part} of blob {@code sha256} of {@code size} bytes to {@code user}, unless it
     * is charged already. Called under the part's lock.
     *
     * @throws ServerException INSUFFICIENT_STORAGE when the user's unfinished uploads would exceed the limit
     */
    void charge(String user, String part, String sha256, long size) throws ServerException {
        Charge existing = charges.get(part);
        if (existing != null && existing.size() == size) {
            return;
        }
        synchronized (this) {
            long pending = bytesOf(user) - (existing != null && existing.user().equals(user) ? existing.size() : 0);
            if (pending + size > maxBytesPerUser) {
                throw new ServerException(Kind.INSUFFICIENT_STORAGE, "user " + user + " has " + pending
                        + " bytes of unfinished uploads on the server; blob " + sha256 + " of " + size
                        + " bytes would exceed the limit of " + maxBytesPerUser + " bytes per user (server.ini [Upload]"
                        + " maxPendingBytesPerUser): finish or commit the uploads in progress first, or ask the"
                        + " administrator to raise the limit");
            }
            charges.put(part, new Charge(user, size));
        }
    }

    /** The part's blob was stored, or the part discarded or expired. */
    void release(String part) {
        charges.remove(part);
    }

    long bytesOf(String user) {
        return charges.values().stream().filter(charge -> charge.user().equals(user)).mapToLong(Charge::size).sum();
    }
}
