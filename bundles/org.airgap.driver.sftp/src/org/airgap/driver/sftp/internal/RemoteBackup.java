package org.airgap.driver.sftp.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.FileListing;
import org.airgap.driver.api.ProblemKind;
import org.airgap.store.Paths;
import org.airgap.store.SnapshotWriter;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * One backup over an open SFTP session: lists the configured paths first (so that missing paths are
 * reported before anything is read and progress has a total), then reads the files ({@link FileReads}).
 * Symbolic links below a configured path are recorded as links and never followed; a configured path that
 * is itself a link is followed, since the job names it on purpose.
 */
final class RemoteBackup {

    /** About the bytes of a listed entry's attributes (size, times, permissions), for gentle mode's cap. */
    private static final int LISTED_ATTRIBUTES = 32;

    private final SftpClient sftp;
    private final SftpSettings settings;
    private final DriverProgress progress;
    private final FileListing<String> listing;
    private final List<DeviceProblem> problems = new ArrayList<>();

    RemoteBackup(SftpClient sftp, SftpSettings settings, DriverProgress progress) {
        this.sftp = sftp;
        this.settings = settings;
        this.progress = progress;
        this.listing = new FileListing<>(settings.filter());
    }

    /** Lists and reads everything; returns the problems (empty for a complete backup). */
    List<DeviceProblem> run(SnapshotWriter snapshot) throws DeviceProblemException {
        progress.begin(-1, "bytes");
        if (progress.pacing().isOn()) {
            progress.log("Gentle mode (" + progress.pacing() + "): one file at a time; each folder is listed and "
                    + "each file opened after the pause, and file contents are read no faster than the cap");
        }
        FileReads reads = new FileReads(sftp, settings, progress, snapshot, problems);
        try {
            list();
            long total = listing.totalBytes();
            progress.log("Found " + listing.fileCount() + " files (" + total + " bytes) to read from " + settings.address());
            progress.begin(total, "bytes");
            List<FileListing.File<String>> files = new ArrayList<>();
            for (FileListing.Item<String> item : listing.items()) {
                FileListing.File<String> file = FileListing.writeUnlessFile(item, snapshot, progress);
                if (file != null) {
                    files.add(file);
                }
            }
            reads.readAll(files);
            progress.log("Read " + reads.filesRead() + " files, " + snapshot.bytesWritten() + " bytes from " + settings.address());
        } catch (FileReads.Cancelled e) {
            throw new DeviceProblemException(ProblemKind.CANCELLED, "Cancelled by the technician after "
                    + reads.filesRead() + " files; nothing of this backup is kept");
        } catch (IOException e) {
            throw FileReads.connectionLost(settings, e, "while listing the configured paths", 0);
        }
        return problems;
    }

    // --- listing ---------------------------------------------------------------------------------------

    private void list() throws IOException, DeviceProblemException, FileReads.Cancelled {
        List<String> missing = new ArrayList<>();
        for (String configured : settings.paths()) {
            checkCancelled();
            String prefix = SftpSettings.snapshotPrefix(configured);
            SftpClient.Attributes attributes;
            try {
                attributes = sftp.stat(configured); // follows a link: the job names this path on purpose
            } catch (SftpException e) {
                if (isNotFound(e)) {
                    missing.add(configured);
                    continue;
                }
                if (isDenied(e)) {
                    problem("Cannot read '" + configured + "' on " + settings.address() + ": permission denied for user '"
                            + settings.user() + "'");
                    continue;
                }
                throw e;
            }
            if (attributes.isDirectory()) {
                int mark = prefix.isEmpty() ? -1 : listing.beginFolder(prefix, instant(attributes.getModifyTime()));
                listFolder(configured, prefix);
                listing.endFolder(mark);
            } else if (attributes.isRegularFile() && !prefix.isEmpty()) {
                listing.file(prefix, configured, attributes.getSize(), instant(attributes.getModifyTime()));
            } else {
                problem("'" + configured + "' on " + settings.address() + " is neither a folder nor a file");
            }
        }
        if (!missing.isEmpty()) {
            throw new DeviceProblemException(ProblemKind.NOT_FOUND, (missing.size() == 1 ? "The path '" + missing.get(0) + "' does"
                    : "The paths '" + String.join("', '", missing) + "' do") + " not exist on " + settings.address()
                    + " (relative paths start in the login folder " + loginFolder()
                    + "): check the job's paths; nothing was read");
        }
    }

    private void listFolder(String remote, String prefix) throws IOException, FileReads.Cancelled {
        checkCancelled();
        try {
            progress.pacing().beforeRequest(); // gentle mode: a pause before each folder's listing
        } catch (InterruptedIOException e) {
            throw new FileReads.Cancelled();
        }
        List<SftpClient.DirEntry> entries = new ArrayList<>();
        try {
            long listed = 0;
            for (SftpClient.DirEntry entry : sftp.readDir(remote)) {
                entries.add(entry);
                listed += entry.getFilename().length() + LISTED_ATTRIBUTES;
            }
            // About the bytes the listing carried: in gentle mode the next request waits from here.
            progress.pacing().transferred(listed);
        } catch (InterruptedIOException e) {
            if (progress.isCancelled()) { // gentle mode's wait noticed the cancel; else a socket timeout
                throw new FileReads.Cancelled();
            }
            throw e;
        } catch (SftpException e) {
            if (isDenied(e) || isNotFound(e)) {
                problem("Cannot list the folder '" + remote + "' on " + settings.address() + ": "
                        + (isDenied(e) ? "permission denied for user '" + settings.user() + "'" : "it disappeared"));
                return;
            }
            throw e;
        }
        entries.sort(Comparator.comparing(SftpClient.DirEntry::getFilename));
        for (SftpClient.DirEntry entry : entries) {
            String name = entry.getFilename();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            String child = remote.endsWith("/") ? remote + name : remote + "/" + name;
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            if (listing.contains(path)) {
                continue; // overlapping configured paths
            }
            if (!Paths.isValid(path)) {
                problem("'" + child + "' on " + settings.address() + " cannot be stored: its name contains a "
                        + "backslash or another character a snapshot path cannot hold; exclude it or rename it on the device");
                continue;
            }
            SftpClient.Attributes attributes = entry.getAttributes();
            if (attributes.isSymbolicLink()) {
                if (settings.filter().accepts(path)) { // the link is read only when it is listed
                    listing.link(path, sftp.readLink(child));
                }
            } else if (attributes.isDirectory()) {
                if (settings.filter().prunes(path)) {
                    continue; // an excluded folder is not read at all
                }
                int mark = listing.beginFolder(path, instant(attributes.getModifyTime()));
                listFolder(child, path);
                listing.endFolder(mark);
            } else if (attributes.isRegularFile()) {
                listing.file(path, child, attributes.getSize(), instant(attributes.getModifyTime()));
            } else {
                progress.log("Skipped '" + child + "': not a file, folder or link (a device, pipe or socket)");
            }
        }
    }

    private String loginFolder() {
        try {
            return sftp.canonicalPath(".");
        } catch (IOException e) {
            return "of user '" + settings.user() + "'";
        }
    }

    private void checkCancelled() throws FileReads.Cancelled {
        if (progress.isCancelled()) {
            throw new FileReads.Cancelled();
        }
    }

    private void problem(String message) {
        problems.add(new DeviceProblem(ProblemKind.PARTIAL, message));
        progress.log(message);
    }

    private static boolean isNotFound(SftpException e) {
        return e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH;
    }

    private static boolean isDenied(SftpException e) {
        return e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED;
    }

    private static Instant instant(FileTime time) {
        return time == null ? null : time.toInstant();
    }
}
