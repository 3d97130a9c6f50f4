package org.airgap.driver.directory.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverParameters;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.Parameter;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.Parameters;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.DeviceIdentity;
import org.airgap.store.PathGlob;
import org.airgap.store.SnapshotWriter;
import org.osgi.service.component.annotations.Component;

/**
 * Backs up a folder of this computer: a local folder, or a device's network share mounted by the
 * operating system (an SMB/CIFS or NFS mount, a mapped drive or a UNC path on Windows). The driver sees
 * whatever the operating system shows; it never opens network connections itself.
 */
@Component(service = DeviceDriver.class, property = { DeviceDriver.ID + "=directory",
        DeviceDriver.NAME + "=Directory / network share", DeviceDriver.VENDOR + "=Airgap" })
public class DirectoryDriver implements DeviceDriver {

    static final Parameter<Path> PATH = Parameter.path("path").label("Folder")
            .description("The folder to back up, absolute: a local folder or a mounted share, e.g. /mnt/hmi-01 or "
                    + "\\\\hmi-01\\backup.")
            .required().map(DirectoryDriver::absolutePath).build();
    static final Parameter<List<String>> INCLUDE = Parameter.list("include").label("Include")
            .description("Globs on paths inside the folder to back up (** across folders, * within a name); empty "
                    + "for all.")
            .build();
    static final Parameter<List<String>> EXCLUDE = Parameter.list("exclude").label("Exclude")
            .description("Globs on paths inside the folder to leave out; an excluded folder is not read at all.")
            .build();
    static final Parameter<Boolean> FOLLOW_LINKS = Parameter.bool("followLinks").label("Follow links")
            .description("false: symbolic links are recorded as links; true: the files and folders they point to are "
                    + "backed up in their place.")
            .defaultValue(false).build();

    private static final DriverParameters PARAMETERS = DriverParameters.of(PATH, INCLUDE, EXCLUDE, FOLLOW_LINKS);

    private static Path absolutePath(String text) {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path on this computer: '" + text + "' (" + e.getReason()
                    + ")");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("must be absolute (e.g. /mnt/hmi-01), not '" + text + "'");
        }
        return path;
    }

    /** How files are opened; tests replace it to make a file unreadable where permissions cannot. */
    interface FileOpener {
        InputStream open(Path file, OpenOption... options) throws IOException;
    }

    private final FileOpener opener;

    public DirectoryDriver() {
        this(Files::newInputStream);
    }

    DirectoryDriver(FileOpener opener) {
        this.opener = opener;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS.descriptors();
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        return PARAMETERS.validate(parameters);
    }

    @Override
    public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
        Settings settings = settings(parameters, progress);
        String problem = FolderBackup.checkRoot(settings.root());
        if (problem != null) {
            return DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.NOT_FOUND, problem);
        }
        if (!Files.isReadable(settings.root())) {
            return DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.AUTHENTICATION_FAILED, "The folder "
                    + settings.root() + " exists but cannot be read by this account: check the share's permissions");
        }
        progress.log("The folder " + settings.root() + " exists and is readable");
        return DriverResult.success(DeviceIdentity.UNKNOWN);
    }

    @Override
    public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
        Settings settings = settings(parameters, progress);
        return new DriverResult(DeviceIdentity.UNKNOWN, new FolderBackup(settings, opener, progress).run(snapshot));
    }

    /** The job's parameters, typed. */
    record Settings(Path root, PathGlob.Filter filter, boolean followLinks) {
    }

    private Settings settings(Map<String, String> parameters, DriverProgress progress) {
        Parameters values = PARAMETERS.validValues(parameters, validate(parameters));
        progress.log("Directory " + values.redacted());
        return new Settings(values.get(PATH), PathGlob.Filter.of(values.get(INCLUDE), values.get(EXCLUDE)),
                values.get(FOLLOW_LINKS));
    }
}
