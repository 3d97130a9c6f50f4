package org.airgap.model;

/**
 * A folder of the component tree (a plant, a line, a cell), as the server defines it.
 *
 * @param id       stable id assigned by the server
 * @param name     shown to users
 * @param parentId the containing folder, or {@code null} for a top-level folder
 */
public record Folder(String id, String name, String parentId) {

    public Folder {
        Check.text(id, "Folder.id");
        Check.text(name, "Folder.name");
        Check.optionalText(parentId, "Folder.parentId");
        if (id.equals(parentId)) {
            throw Check.invalid("Folder.parentId", "names the folder itself: '" + id + "'");
        }
    }
}
