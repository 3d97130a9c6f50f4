package org.airgap.driver.ftp.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ProblemKind;
import org.airgap.store.Paths;
import org.airgap.store.PathGlob;
import org.apache.commons.net.ftp.FTPFile;

/**
 * What a backup will write, found by listing the configured paths recursively before anything is
 * downloaded (so that progress knows the total and a missing path fails before any transfer).
 *
 * <p>Include and exclude globs apply to snapshot paths. A folder matched by an exclude is not listed at all
 * (with everything below it); other folders are recorded when the filter accepts them or when something
 * below them is recorded, so that an include such as "**&#47;*.prg" brings no empty folders.
 */
final class BackupPlan {

    /**
     * A file to download.
     *
     * @param modified  the time from the listing, or {@code null}
     * @param queryTime whether to ask the exact time (MDTM) before the download: LIST times are rounded to the
     *                  minute or the day, and asking on the download connections spreads the round trips over
     *                  all of them instead of holding up the listing
     */
    record RemoteFile(String remotePath, String snapshotPath, long size, Instant modified, boolean queryTime) {
    }

    record Folder(String snapshotPath, Instant modified) {
    }

    record Link(String snapshotPath, String target) {
    }

    private final List<RemoteFile> files = new ArrayList<>();
    private final List<Folder> folders = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final FtpSession session;
    private final FtpSettings settings;
    private final PathGlob.Filter filter;
    private final DriverProgress progress;
    private int skippedLinks;

    private BackupPlan(FtpSession session, FtpSettings settings, DriverProgress progress) {
        this.session = session;
        this.settings = settings;
        this.filter = settings.filter();
        this.progress = progress;
    }

    /**
     * Lists every configured path.
     *
     * @throws DeviceProblemException NOT_FOUND naming a configured path that does not exist, PARTIAL for a folder
     *                             the server does not list or a name a snapshot cannot hold, CANCELLED
     * @throws IOException         when the connection fails
     */
    static BackupPlan list(FtpSession session, FtpSettings settings, DriverProgress progress)
            throws DeviceProblemException, IOException {
        BackupPlan plan = new BackupPlan(session, settings, progress);
        for (String path : settings.paths()) {
            plan.addConfiguredPath(path);
        }
        if (plan.skippedLinks > 0) {
            progress.log(plan.skippedLinks + " symbolic link(s) without a target in the listing were skipped");
        }
        return plan;
    }

    List<RemoteFile> files() {
        return files;
    }

    List<Folder> folders() {
        return folders;
    }

    List<Link> links() {
        return links;
    }

    /** Sum of the files' sizes, or -1 when the server did not tell a size. */
    long totalBytes() {
        long total = 0;
        for (RemoteFile file : files) {
            if (file.size() < 0) {
                return -1;
            }
            total += file.size();
        }
        return total;
    }

    private void addConfiguredPath(String path) throws DeviceProblemException, IOException {
        FTPFile top = session.stat(path);
        if (top == null) {
            throw new DeviceProblemException(ProblemKind.NOT_FOUND, "'" + path + "' does not exist on " + settings.address()
                    + " (or user '" + settings.user() + "' may not see it; the server said: " + session.lastReply()
                    + "): check the paths parameter of the job");
        }
        String base = RemotePaths.baseName(path);
        if (top.isDirectory()) {
            if (base.isEmpty()) {
                walk(path, "");
            } else if (!filter.prunes(base)) {
                boolean recordedBelow = walk(path, base);
                if (recordedBelow || filter.accepts(base)) {
                    folders.add(new Folder(base, time(top)));
                }
            }
        } else if (top.isSymbolicLink()) {
            addLink(base, top);
        } else {
            requireValid(path, base);
            if (filter.accepts(base)) {
                files.add(new RemoteFile(path, base, top.getSize(), time(top), session.needsModifiedTimeQuery()));
            }
        }
    }

    /** Lists {@code remote} (stored as {@code snapshotFolder}) recursively; whether anything was recorded below. */
    private boolean walk(String remote, String snapshotFolder) throws DeviceProblemException, IOException {
        if (progress.isCancelled()) {
            throw new DeviceProblemException(ProblemKind.CANCELLED, "cancelled while listing '" + remote
                    + "'; nothing was saved");
        }
        FTPFile[] entries;
        try {
            entries = session.list(remote);
        } catch (IOException e) {
            String reply = session.lastReply();
            if (reply.startsWith("550") || reply.startsWith("450")) { // this folder: missing or not readable
                throw new DeviceProblemException(ProblemKind.PARTIAL, e.getMessage() + ": check that user '"
                        + settings.user() + "' may read it, or exclude it", e);
            }
            if (reply.startsWith("4") || reply.startsWith("5")) { // the data connection or the command
                throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, e.getMessage() + ": the server refused "
                        + "the listing's data connection; try passive=" + !settings.passive() + ", or check the "
                        + "device's firewall for the data ports", e);
            }
            throw e; // the connection, not the folder
        }
        boolean recorded = false;
        for (FTPFile entry : entries) {
            String name = entry.getName();
            String childRemote = RemotePaths.child(remote, name);
            String childPath = RemotePaths.snapshotChild(snapshotFolder, name);
            requireValid(childRemote, childPath);
            if (entry.isDirectory()) {
                if (filter.prunes(childPath)) {
                    continue;
                }
                boolean below = walk(childRemote, childPath);
                if (below || filter.accepts(childPath)) {
                    folders.add(new Folder(childPath, time(entry)));
                    recorded = true;
                }
            } else if (entry.isSymbolicLink()) {
                if (filter.accepts(childPath) && addLink(childPath, entry)) {
                    recorded = true;
                }
            } else if (filter.accepts(childPath)) {
                files.add(new RemoteFile(childRemote, childPath, entry.getSize(), time(entry),
                        session.needsModifiedTimeQuery()));
                recorded = true;
            }
        }
        return recorded;
    }

    /** Links are recorded, never followed (a link to a parent folder would never end). */
    private boolean addLink(String snapshotPath, FTPFile entry) {
        String target = entry.getLink();
        if (target == null || target.isEmpty()) {
            skippedLinks++;
            return false;
        }
        links.add(new Link(snapshotPath, target));
        return true;
    }

    private void requireValid(String remote, String snapshotPath) throws DeviceProblemException {
        if (!Paths.isValid(snapshotPath)) {
            throw new DeviceProblemException(ProblemKind.PARTIAL, "'" + remote + "' has a name a snapshot cannot hold "
                    + "(a backslash or a control character): rename it on the device or exclude it");
        }
    }

    private static Instant time(FTPFile file) {
        return file.getTimestamp() == null ? null : file.getTimestampInstant();
    }
}
