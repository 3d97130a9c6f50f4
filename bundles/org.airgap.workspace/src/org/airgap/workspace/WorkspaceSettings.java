package org.airgap.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The technician's settings of one workspace, in {@code settings.properties} of the workspace folder, so
 * that the workbench and the {@code airgap} command line on the same folder follow the same settings
 * (docs/formats.md, "Workspace"). A missing file or key means the default.
 *
 * @param pruneAfterUpload whether a successful upload prunes the snapshots of acknowledged runs that are no
 *                         longer a baseline ({@link JobRepository#pruneUploadedSnapshots}); default on
 * @since 0.2
 */
public record WorkspaceSettings(boolean pruneAfterUpload) {

    public static final WorkspaceSettings DEFAULTS = new WorkspaceSettings(true);

    /** The file in the workspace folder. */
    public static final String FILE = "settings.properties";

    static final String PRUNE_AFTER_UPLOAD = "prune.after.upload";

    /** The settings of the workspace at {@code location}; the defaults where the file says nothing. */
    public static WorkspaceSettings read(Path location) throws IOException {
        Path file = location.resolve(FILE);
        if (!Files.exists(file)) {
            return DEFAULTS;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String prune = properties.getProperty(PRUNE_AFTER_UPLOAD, Boolean.toString(DEFAULTS.pruneAfterUpload()));
        return new WorkspaceSettings(!prune.strip().equalsIgnoreCase("false"));
    }

    /** Replaces the file atomically: a crash leaves the old settings or the new ones. */
    public void write(Path location) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(PRUNE_AFTER_UPLOAD, Boolean.toString(pruneAfterUpload));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        properties.store(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                "Airgap workspace settings (docs/formats.md, Workspace)");
        AtomicFile.write(location.resolve(FILE), bytes.toByteArray());
    }
}
