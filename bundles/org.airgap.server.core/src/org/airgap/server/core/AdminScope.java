package org.airgap.server.core;

import java.util.Set;

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

    public boolean covers(String folderId) {
        return folderIds == null || folderIds.contains(folderId);
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
}
