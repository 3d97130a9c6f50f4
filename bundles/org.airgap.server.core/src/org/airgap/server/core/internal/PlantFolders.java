package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.airgap.model.Folder;
import org.airgap.model.ModelJson;
import org.airgap.protocol.PlantDeletion;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * Folders changed one at a time: created, renamed, moved (never into themselves) and deleted (only when
 * empty). The rules are {@link DefinitionChecks}'; each change is audited in its transaction.
 */
final class PlantFolders {

    /** How many of a folder's contents a refusal names. */
    private static final int NAMED = 10;

    private final Jdbc jdbc;

    PlantFolders(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Folder create(String user, Folder folder) throws ServerException {
        return jdbc.transaction(connection -> {
            if (PlantRows.folder(connection, folder.id()).isPresent()) {
                throw new ServerException(Kind.CONFLICT, "folder '" + folder.id() + "' exists already");
            }
            Map<String, Folder> folders = PlantRows.foldersById(connection);
            folders.put(folder.id(), folder);
            DefinitionChecks.checkFolderChain(folder, folders);
            write(connection, folder, true);
            audit(connection, user, "FOLDER_CREATE", folder, "created \"" + folder.name() + "\" in "
                    + place(folder.parentId()));
            return folder;
        });
    }

    Folder rename(String user, Folder folder) throws ServerException {
        return jdbc.transaction(connection -> {
            Folder stored = PlantRows.requireFolder(connection, folder.id());
            if (!Objects.equals(stored.parentId(), folder.parentId())) {
                throw new ServerException(Kind.BAD_REQUEST, "folder '" + folder.id() + "' is in "
                        + place(stored.parentId()) + ": a change keeps it there, move it to change its place");
            }
            if (stored.equals(folder)) {
                return stored;
            }
            write(connection, folder, false);
            audit(connection, user, "FOLDER_RENAME", folder, "renamed from \"" + stored.name() + "\" to \""
                    + folder.name() + "\"");
            return folder;
        });
    }

    Folder move(String user, String id, String parentId) throws ServerException {
        return jdbc.transaction(connection -> {
            Folder stored = PlantRows.requireFolder(connection, id);
            if (parentId != null) {
                PlantRows.folder(connection, parentId).orElseThrow(() -> new ServerException(Kind.BAD_REQUEST,
                        "folder '" + id + "' cannot move into folder '" + parentId + "', which is not defined"));
            }
            if (id.equals(parentId)) {
                throw cycle(id, parentId);
            }
            Folder moved = new Folder(id, stored.name(), parentId);
            Map<String, Folder> folders = PlantRows.foldersById(connection);
            folders.put(id, moved);
            try {
                DefinitionChecks.checkFolderChain(moved, folders);
            } catch (ServerException e) {
                throw cycle(id, parentId);
            }
            if (moved.equals(stored)) {
                return stored;
            }
            write(connection, moved, false);
            audit(connection, user, "FOLDER_MOVE", moved, "moved from " + place(stored.parentId()) + " to "
                    + place(parentId));
            return moved;
        });
    }

    PlantDeletion delete(String user, String id) throws ServerException {
        return jdbc.transaction(connection -> {
            Folder stored = PlantRows.requireFolder(connection, id);
            List<String> inside = new ArrayList<>();
            inside.addAll(Jdbc.list(connection, "SELECT id FROM folders WHERE parent_id = ? ORDER BY id",
                    row -> "folder " + row.getString(1), id));
            inside.addAll(Jdbc.list(connection, "SELECT id, archived FROM components WHERE folder_id = ? ORDER BY id",
                    row -> "component " + row.getString(1) + (row.getObject(2) == null ? "" : " (archived)"), id));
            if (!inside.isEmpty()) {
                throw new ServerException(Kind.CONFLICT, "folder '" + id + "' is not empty: it holds "
                        + String.join(", ", inside.subList(0, Math.min(NAMED, inside.size())))
                        + (inside.size() > NAMED ? " and " + (inside.size() - NAMED) + " more" : "")
                        + "; move or delete them first (an archived component goes only with --purge)");
            }
            Jdbc.update(connection, "DELETE FROM folders WHERE id = ?", id);
            audit(connection, user, "FOLDER_DELETE", stored, "deleted \"" + stored.name() + "\" from "
                    + place(stored.parentId()));
            return new PlantDeletion("folder " + id, PlantDeletion.DELETED, "folder " + id + " deleted");
        });
    }

    private static ServerException cycle(String id, String parentId) {
        return new ServerException(Kind.BAD_REQUEST, "folder '" + id + "' cannot move into folder '" + parentId
                + "': that is the folder itself or inside it");
    }

    private static void write(Connection connection, Folder folder, boolean insert) throws SQLException {
        Jdbc.update(connection, insert ? "INSERT INTO folders (parent_id, json, id) VALUES (?, ?, ?)"
                : "UPDATE folders SET parent_id = ?, json = ? WHERE id = ?", folder.parentId(), ModelJson.write(folder),
                folder.id());
    }

    private void audit(Connection connection, String user, String action, Folder folder, String details)
            throws SQLException {
        ServerAudit.recordChange(connection, jdbc.now(), user, action, "folder " + folder.id(), details);
    }

    static String place(String folderId) {
        return folderId == null ? "the top level" : "folder " + folderId;
    }
}
