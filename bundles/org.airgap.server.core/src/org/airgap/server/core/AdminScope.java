package org.airgap.server.core;

import java.util.Set;
import java.util.function.Supplier;

import org.airgap.server.core.ServerException.Kind;

/**
 * The part of the plant an administrator manages: everything, or the folder trees under the folders
 * they were given (a plant's administrator). {@link #folderIds()} holds those folders and all their
 * descendants; {@code null} means everything.
 *
 * @param folderIds the folders covered, descendants included; {@code null} for everything
 */
public record AdminScope(Set<String> folderIds) {

    /** A full administrator's scope. */
    public static final AdminScope EVERYTHING = new AdminScope(null);

    public AdminScope {
        folderIds = folderIds == null ? null : Set.copyOf(folderIds);
    }

    /** Whether the whole plant is covered (so also new top-level folders, users and server-wide settings). */
    public boolean everything() {
        return folderIds == null;
    }

    /** Whether the folder is covered; no folder ({@code null}, the top of the plant) only by everything. */
    public boolean covers(String folderId) {
        return folderIds == null || folderId != null && folderIds.contains(folderId);
    }

    /** @throws ServerException FORBIDDEN naming the folder when it is outside this scope */
    public void require(String folderId) throws ServerException {
        if (!covers(folderId)) {
            throw new ServerException(Kind.FORBIDDEN, "folder " + folderId
                    + " is outside the folders you administer: ask an administrator of the whole plant");
        }
    }

    /** @throws ServerException FORBIDDEN unless the whole plant is covered; {@code what} names the operation */
    public void requireEverything(String what) throws ServerException {
        if (!everything()) {
            throw new ServerException(Kind.FORBIDDEN, what + " needs an administrator of the whole plant;"
                    + " you administer only some folders");
        }
    }

    /**
     * The answer to a folder-scoped administrator for an id outside their folders, and the same for an id
     * that names nothing: they cannot tell which ids exist elsewhere in the plant.
     *
     * @param kind what the id names ("component", "job", "run", "folder", …)
     */
    public static ServerException notInScope(String kind, String id) {
        return new ServerException(Kind.NOT_FOUND, "no " + kind + " '" + id + "' in the folders you administer");
    }

    /**
     * Checks an id a request names. An administrator of the whole plant is told precisely that it names
     * nothing; for a folder-scoped one an id outside their folders and an unknown id answer alike
     * ({@link #notInScope}).
     *
     * @param folderId the folder of what {@code id} names (a folder's own id), {@code null} when it names nothing
     * @param unknown  the answer to an administrator of the whole plant for an id that names nothing
     * @throws ServerException NOT_FOUND
     */
    public void requireId(String kind, String id, String folderId, Supplier<ServerException> unknown)
            throws ServerException {
        if (everything()) {
            if (folderId == null) {
                throw unknown.get();
            }
        } else if (folderId == null || !covers(folderId)) {
            throw notInScope(kind, id);
        }
    }

    /**
     * Checks a folder a request puts something into (a new parent, a move's target, a new component's
     * folder) before it is looked up: for a folder-scoped administrator one outside their folders answers
     * as an unknown one ({@link #notInScope}); an administrator of the whole plant is not checked here.
     */
    public void requireFolder(String folderId) throws ServerException {
        if (!covers(folderId)) {
            throw notInScope("folder", folderId);
        }
    }
}
