package org.airgap.driver.directory.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.FileListing;
import org.airgap.driver.api.ProblemKind;
import org.airgap.store.Paths;
import org.airgap.store.SnapshotWriter;

/**
 * One backup of a folder: lists it first (so that progress has a total and nothing is read when the
 * folder is missing), then streams each file into the snapshot.
 *
 * <p>A file that changes while it is read: its size and modification time are read just before and just
 * after the copy; when they differ (or the bytes read do not match the size), the copy may mix old and
 * new content, so the file is reported as {@link ProblemKind#PARTIAL} and the backup is not successful —
 * a later attempt reads it again. A file replaced by rename while open is read whole from the old
 * version, and the time check reports it just the same.
 */
final class FolderBackup {

    private static final int BUFFER = 64 * 1024;
    /** Problems listed one by one; beyond that a count (a share of unreadable files would flood the run). */
    private static final int MAX_PROBLEMS = 20;

    private static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The snapshot could not be written: not the device's fault, and no use going on. */
    private static final class StoreFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StoreFailure(IOException cause) {
            super(cause);
        }
    }

    private final DirectoryDriver.Settings settings;
    private final DirectoryDriver.FileOpener opener;
    private final DriverProgress progress;
    private final LinkOption[] linkOptions;
    private final FileListing<Path> listing;
    private final List<DeviceProblem> problems = new ArrayList<>();
    private int problemsNotListed;

    FolderBackup(DirectoryDriver.Settings settings, DirectoryDriver.FileOpener opener, DriverProgress progress) {
        this.settings = settings;
        this.opener = opener;
        this.progress = progress;
        this.linkOptions = settings.followLinks() ? new LinkOption[0] : new LinkOption[] { LinkOption.NOFOLLOW_LINKS };
        this.listing = new FileListing<>(settings.filter());
    }

    /** Why the folder cannot be backed up at all, or {@code null} when it is there. */
    static String checkRoot(Path root) {
        if (!Files.exists(root)) {
            return "The folder " + root + " does not exist: check the path, and that the share is mounted "
                    + "and the device is on";
        }
        if (!Files.isDirectory(root)) {
            return root + " is a file, not a folder: give the folder that holds the files";
        }
        return null;
    }

    List<DeviceProblem> run(SnapshotWriter snapshot) {
        Path root = settings.root();
        String missing = checkRoot(root);
        if (missing != null) {
            progress.log(missing);
            return List.of(new DeviceProblem(ProblemKind.NOT_FOUND, missing));
        }
        progress.begin(-1, "bytes");
        int filesRead = 0;
        try {
            list(root);
            long total = listing.totalBytes();
            progress.log("Found " + listing.fileCount() + " files (" + total + " bytes) in " + root);
            if (progress.pacing().isOn()) {
                progress.log("Gentle mode (" + progress.pacing() + "): each file is opened after the pause, and read "
                        + "no faster than the cap");
            }
            progress.begin(total, "bytes");
            for (FileListing.Item<Path> item : listing.items()) {
                checkCancelled();
                FileListing.File<Path> file = FileListing.writeUnlessFile(item, snapshot, progress);
                if (file == null) {
                    continue;
                }
                Outcome outcome = copy(file, snapshot);
                if (outcome == Outcome.READ) {
                    filesRead++;
                } else if (outcome == Outcome.FAILED && !Files.isDirectory(root)) {
                    return finish(new DeviceProblem(ProblemKind.PARTIAL, "The folder " + root
                            + " disappeared during the backup (share disconnected or device off?) after "
                            + filesRead + " files: check the connection and run the backup again"));
                }
            }
        } catch (Cancelled e) {
            return List.of(new DeviceProblem(ProblemKind.CANCELLED, "Cancelled by the technician after " + filesRead
                    + " files; nothing of this backup is kept"));
        } catch (StoreFailure e) {
            return finish(new DeviceProblem(ProblemKind.PARTIAL, "The backup could not be stored on this computer ("
                    + describe(e.getCause()) + "): check the free disk space and run it again"));
        } catch (IOException e) {
            return finish(new DeviceProblem(ProblemKind.PARTIAL, "Cannot list " + root + " (" + describe(e)
                    + "): check that the share is still mounted and run the backup again"));
        }
        progress.log("Read " + filesRead + " files, " + snapshot.bytesWritten() + " bytes from " + root);
        return finish(null);
    }

    private List<DeviceProblem> finish(DeviceProblem last) {
        List<DeviceProblem> all = new ArrayList<>(problems);
        if (problemsNotListed > 0) {
            all.add(new DeviceProblem(ProblemKind.PARTIAL, "… and " + problemsNotListed + " more entries could not be read"));
        }
        if (last != null) {
            progress.log(last.message());
            all.add(last);
        }
        return all;
    }

    // --- listing ---------------------------------------------------------------------------------------

    private void list(Path root) throws IOException, Cancelled {
        Set<FileVisitOption> options = settings.followLinks() ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
                : EnumSet.noneOf(FileVisitOption.class);
        Deque<Integer> folderMarks = new ArrayDeque<>();
        boolean[] cancelled = { false };
        Files.walkFileTree(root, options, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (progress.isCancelled()) {
                    cancelled[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                if (dir.equals(root)) {
                    folderMarks.push(-1);
                    return FileVisitResult.CONTINUE;
                }
                String path = snapshotPath(root, dir);
                if (path == null || settings.filter().prunes(path)) {
                    return FileVisitResult.SKIP_SUBTREE; // an excluded folder is not read at all
                }
                folderMarks.push(listing.beginFolder(path, attributes.lastModifiedTime().toInstant()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
                if (failure != null) {
                    problem("Could not list all of the folder " + dir + " (" + describe(failure) + ")");
                }
                listing.endFolder(folderMarks.pop());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String path = snapshotPath(root, file);
                if (path == null || !settings.filter().accepts(path)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isSymbolicLink()) {
                    // Without followLinks every link; with it, links whose target is missing.
                    listing.link(path, Files.readSymbolicLink(file).toString());
                } else if (attributes.isRegularFile()) {
                    // the modification time is read when the file is copied
                    listing.file(path, file, attributes.size(), null);
                } else {
                    progress.log("Skipped " + file + ": not a file, folder or link (a device, pipe or socket)");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                String path = snapshotPath(root, file);
                if (failure instanceof FileSystemLoopException) {
                    // Following it would never end. A link is kept as a link; a folder reached through a
                    // link is the same folder as one above it, already backed up under that path.
                    if (path != null && Files.isSymbolicLink(file)) {
                        progress.log("Recorded " + file + " as a link: following it leads back into a folder above it");
                        listing.link(path, Files.readSymbolicLink(file).toString());
                    } else {
                        progress.log("Skipped " + file + ": it is a folder above it, reached again through a link");
                    }
                } else {
                    problem("Cannot read " + file + " (" + describe(failure) + ")" + hint(failure));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (cancelled[0]) {
            throw new Cancelled();
        }
    }

    /** The snapshot path of a file below the root, or {@code null} (and a problem) when it cannot be one. */
    private String snapshotPath(Path root, Path file) {
        List<String> names = new ArrayList<>();
        for (Path name : root.relativize(file)) {
            names.add(name.toString());
        }
        String path = String.join("/", names);
        if (!Paths.isValid(path)) {
            problem(file + " cannot be stored: its name contains a backslash or another character a snapshot "
                    + "path cannot hold; exclude it or rename it");
            return null;
        }
        return path;
    }

    // --- copying -----------------------------------------------------------------------------------------

    private enum Outcome {
        READ,
        /** Deleted between listing and reading: nothing to back up. */
        GONE,
        /** A problem says why. */
        FAILED
    }

    /** Streams one file into the snapshot. */
    private Outcome copy(FileListing.File<Path> file, SnapshotWriter snapshot) throws Cancelled, StoreFailure {
        BasicFileAttributes before;
        InputStream in;
        try {
            progress.pacing().beforeRequest(); // gentle mode: a pause before each file
            before = Files.readAttributes(file.source(), BasicFileAttributes.class, linkOptions);
            in = progress.pacing().throttle(opener.open(file.source(), linkOptions));
        } catch (InterruptedIOException e) {
            throw new Cancelled();
        } catch (NoSuchFileException e) {
            progress.log(file.source() + " was deleted after it was listed; not backed up");
            return Outcome.GONE;
        } catch (IOException e) {
            problem("Cannot read " + file.source() + " (" + describe(e) + ")" + hint(e));
            return Outcome.FAILED;
        }
        long read = 0;
        try (in; OutputStream out = openInSnapshot(snapshot, file.path(), before.lastModifiedTime().toInstant())) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = readSome(in, buffer)) >= 0;) {
                checkCancelled(); // also within large files
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new StoreFailure(e);
                }
                read += n;
                progress.worked(n, file.path());
            }
        } catch (ReadFailure e) {
            if (e.getCause() instanceof InterruptedIOException) {
                throw new Cancelled(); // while gentle mode's cap held the read back
            }
            problem("Reading " + file.source() + " failed after " + read + " bytes (" + describe(e.getCause()) + ")");
            return Outcome.FAILED;
        } catch (IOException e) {
            // closing: the source (harmless) or the snapshot entry (the store's problem)
            throw new StoreFailure(e);
        }
        try {
            BasicFileAttributes after = Files.readAttributes(file.source(), BasicFileAttributes.class, linkOptions);
            if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())
                    || read != after.size()) {
                problem(file.source() + " changed while it was read (" + before.size() + " bytes at "
                        + before.lastModifiedTime() + ", then " + after.size() + " bytes at " + after.lastModifiedTime()
                        + "): the copy may mix old and new content; run the backup again when the device is not "
                        + "writing it, or exclude the file");
                return Outcome.FAILED;
            }
        } catch (IOException e) {
            problem(file.source() + " disappeared or became unreadable while it was read (" + describe(e) + ")");
            return Outcome.FAILED;
        }
        return Outcome.READ;
    }

    private static OutputStream openInSnapshot(SnapshotWriter snapshot, String path, Instant modified)
            throws StoreFailure {
        try {
            return snapshot.file(path, modified);
        } catch (IOException e) {
            throw new StoreFailure(e);
        }
    }

    /** A read error of the source, told apart from write errors of the snapshot. */
    private static final class ReadFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ReadFailure(IOException cause) {
            super(cause);
        }
    }

    private static int readSome(InputStream in, byte[] buffer) throws ReadFailure {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
    }

    private void checkCancelled() throws Cancelled {
        if (progress.isCancelled()) {
            throw new Cancelled();
        }
    }

    private void problem(String message) {
        progress.log(message);
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new DeviceProblem(ProblemKind.PARTIAL, message));
        } else {
            problemsNotListed++;
        }
    }

    private static String hint(IOException e) {
        return e instanceof AccessDeniedException
                ? "; give this account read access on the device or share, or exclude it"
                : "";
    }

    private static String describe(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            // Its message repeats the file name, which the caller's message already has.
            return fs.getReason() != null ? fs.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
