package org.airgap.driver.ftp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ParallelTransfer;
import org.airgap.driver.api.ProblemKind;
import org.airgap.driver.ftp.internal.BackupPlan.RemoteFile;
import org.airgap.store.SnapshotWriter;

/**
 * Downloads the planned files into the snapshot.
 *
 * <p>With one connection each file streams from the server straight into {@link SnapshotWriter#file}.
 * With several, the snapshot writer still takes one file at a time, so each connection downloads into a
 * {@link Spool} of its own (memory up to 1 MiB, a temporary file beyond) and the calling thread adds
 * finished spools to the snapshot one by one, freeing each right after. At most 2 finished spools per
 * connection wait (then the downloads pause), so memory stays below about 3 MiB per connection and
 * temporary disk use below three large files per connection, whatever the file sizes. The snapshot's
 * content does not depend on the order in which files finish (the manifest is sorted by path), so any
 * concurrency gives the same snapshot id. The connections' threads are those of a {@link ParallelTransfer},
 * which passes their progress on from the calling thread.
 */
final class Downloads {

    /** Progress is reported (and cancellation checked) about this often within a file. */
    static final int REPORT_BYTES = 1024 * 1024;
    private static final int BUFFER = 128 * 1024;

    private final FtpSettings settings;
    private final SnapshotWriter snapshot;
    private final DriverProgress progress;
    private final CertificateCheck certificates;
    private volatile boolean stopped;

    Downloads(FtpSettings settings, SnapshotWriter snapshot, DriverProgress progress, CertificateCheck certificates) {
        this.settings = settings;
        this.snapshot = snapshot;
        this.progress = progress;
        this.certificates = certificates;
    }

    /**
     * Downloads every file; returns the number of connections used.
     *
     * @param first the listing session, used as the first download connection (the caller closes it)
     * @throws DeviceProblemException for a failed transfer (PARTIAL, TIMEOUT, PROTOCOL_ERROR) or CANCELLED
     * @throws UncheckedIOException when the snapshot or the spool folder cannot be written (a local disk
     *                              problem, not the device's)
     */
    int run(FtpSession first, List<RemoteFile> files) throws DeviceProblemException {
        int connections = Math.min(settings.concurrency(), files.size());
        if (connections <= 1) {
            for (RemoteFile file : files) {
                checkCancelled(file, progress);
                Instant modified = modifiedTime(first, file, progress);
                OutputStream out = localOutput(() -> snapshot.file(file.snapshotPath(), modified));
                download(first, file, out, progress);
                closeLocal(out); // records the entry; on failure above it stays open and the snapshot is discarded
            }
            return 1;
        }
        return new Parallel(connections).run(first, files);
    }

    /** The file's time: from MDTM when the listing's is not exact, else (or when MDTM has none) the listed one. */
    private Instant modifiedTime(FtpSession session, RemoteFile file, DriverProgress progress)
            throws DeviceProblemException {
        if (!file.queryTime()) {
            return file.modified();
        }
        try {
            Instant exact = session.modifiedTime(file.remotePath());
            return exact != null ? exact : file.modified();
        } catch (IOException e) {
            if (stopped || progress.isCancelled()) {
                throw cancelled(file);
            }
            throw transferProblem(file, 0, e);
        }
    }

    /** Streams one file from {@code session} into {@code out}; does not close {@code out}. */
    private void download(FtpSession session, RemoteFile file, OutputStream out, DriverProgress progress)
            throws DeviceProblemException {
        long received = 0;
        InputStream in = null;
        try {
            in = session.retrieve(file.remotePath());
            if (in == null) {
                String reply = session.lastReply();
                if (reply.startsWith("550") || reply.startsWith("450")) {
                    throw new DeviceProblemException(ProblemKind.PARTIAL, settings.address() + " did not send '"
                            + file.remotePath() + "' (" + reply + "): check that user '" + settings.user()
                            + "' may read it; it may also have been deleted during the backup");
                }
                throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.address() + " did not send '"
                        + file.remotePath() + "' (" + reply + "): the server refused the data connection or the "
                        + "download; try passive=" + !settings.passive() + ", or lower concurrency");
            }
            registerStream(in);
            InputStream paced = progress.pacing().throttle(in); // gentle mode's cap; closing in ends it too
            byte[] buffer = new byte[BUFFER];
            long unreported = 0;
            for (int n; (n = paced.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                received += n;
                unreported += n;
                if (unreported >= REPORT_BYTES) {
                    progress.worked(unreported, file.snapshotPath());
                    unreported = 0;
                    checkCancelled(file, progress);
                }
            }
            if (unreported > 0) {
                progress.worked(unreported, file.snapshotPath());
            }
            in.close();
            in = null;
            if (!session.completeTransfer()) {
                throw new DeviceProblemException(ProblemKind.PARTIAL, settings.address() + " did not complete the transfer "
                        + "of '" + file.remotePath() + "' (" + session.lastReply() + ") after " + received + " of "
                        + sizeText(file) + ": the backup is incomplete and was not saved; run it again");
            }
            if (file.size() >= 0 && received != file.size()) {
                progress.log("'" + file.remotePath() + "' changed during the backup: listed with " + file.size()
                        + " bytes, " + received + " bytes read");
            }
        } catch (LocalWriteException e) {
            throw new UncheckedIOException("cannot write '" + file.snapshotPath() + "' on this computer: "
                    + e.getMessage(), (IOException) e.getCause());
        } catch (IOException e) {
            if (stopped || progress.isCancelled()) {
                throw cancelled(file);
            }
            throw transferProblem(file, received, e);
        } finally {
            unregisterStream(in);
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // the transfer failed already; the session is abandoned
                }
            }
        }
    }

    private DeviceProblemException transferProblem(RemoteFile file, long received, IOException e) {
        String where = "'" + file.remotePath() + "' after " + received + " of " + sizeText(file);
        if (e instanceof SocketTimeoutException) {
            return new DeviceProblemException(ProblemKind.TIMEOUT, settings.address() + " stopped sending for "
                    + settings.timeoutText() + " while reading " + where + ": check the device and the network; "
                    + "the backup was not saved", e);
        }
        return new DeviceProblemException(ProblemKind.PARTIAL, "the connection to " + settings.address()
                + " broke while reading " + where + " (" + FtpSession.oneLine(String.valueOf(e.getMessage()))
                + "): the backup is incomplete and was not saved; check the device and the network and run it again", e);
    }

    private void checkCancelled(RemoteFile file, DriverProgress progress) throws DeviceProblemException {
        if (stopped || progress.isCancelled()) {
            throw cancelled(file);
        }
    }

    private DeviceProblemException cancelled(RemoteFile file) {
        return new DeviceProblemException(ProblemKind.CANCELLED, "cancelled while reading '" + file.remotePath()
                + "'; nothing was saved");
    }

    private static String sizeText(RemoteFile file) {
        return file.size() < 0 ? "? bytes" : file.size() + " bytes";
    }

    // Data streams of running transfers, closed from the coordinating thread to stop them at once: a read
    // blocked on a data socket would otherwise wait for the full timeout.
    private final List<InputStream> openStreams = new ArrayList<>();

    private void registerStream(InputStream in) throws IOException {
        synchronized (openStreams) {
            if (stopped) {
                throw new IOException("stopped");
            }
            openStreams.add(in);
        }
    }

    private void unregisterStream(InputStream in) {
        if (in != null) {
            synchronized (openStreams) {
                openStreams.remove(in);
            }
        }
    }

    private void stopAll() {
        synchronized (openStreams) {
            stopped = true;
            for (InputStream in : openStreams) {
                try {
                    in.close();
                } catch (IOException | RuntimeException e) {
                    // stopping anyway
                }
            }
        }
    }

    /** Several connections downloading into spool files; the calling thread adds them to the snapshot. */
    private final class Parallel implements ParallelTransfer.Lanes<RemoteFile, Parallel.Spooled> {

        record Spooled(Instant modified, Spool spool) {
        }

        private final int connections;
        private FtpSession first;
        private Path spoolFolder;
        private int added;

        Parallel(int connections) {
            this.connections = connections;
        }

        int run(FtpSession first, List<RemoteFile> files) throws DeviceProblemException {
            this.first = first;
            // Largest first: the long transfers start early and the small ones fill the gaps at the end.
            List<RemoteFile> bySize = files.stream().sorted(Comparator.comparingLong(RemoteFile::size).reversed())
                    .toList();
            try {
                spoolFolder = Files.createTempDirectory("airgap-ftp-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for parallel downloads: "
                        + e.getMessage() + " (or set concurrency to 1)", e);
            }
            try {
                boolean complete = new ParallelTransfer<RemoteFile, Spooled>("airgap-ftp-" + settings.host(),
                        connections, Duration.ofMillis(settings.timeoutMillis() + 5_000L)).run(bySize, this, progress);
                if (!complete) {
                    throw new DeviceProblemException(ProblemKind.CANCELLED, "cancelled after " + added + " of "
                            + files.size() + " files; nothing was saved");
                }
                return connections;
            } finally {
                deleteFolder(spoolFolder);
            }
        }

        @Override
        public ParallelTransfer.Lane<RemoteFile, Spooled> open(int number, DriverProgress laneProgress)
                throws DeviceProblemException {
            if (number == 1) {
                first.pace(laneProgress.pacing());
                return new Lane(first, false);
            }
            try {
                return new Lane(FtpSession.open(settings, certificates, false, laneProgress.pacing()), true);
            } catch (DeviceProblemException e) {
                if (e.problem().kind() == ProblemKind.IDENTITY_CHANGED) {
                    throw e;
                }
                // Devices often allow only a few sessions: carry on with the connections there are.
                laneProgress.log("Connection " + number + " of " + connections + " could not be opened, continuing "
                        + "with fewer: " + e.problem().message());
                return null;
            }
        }

        /** Adds a finished download to the snapshot (which takes one file at a time) and frees its spool. */
        @Override
        public void receive(RemoteFile file, Spooled spooled) {
            try (InputStream in = spooled.spool().open()) {
                snapshot.file(file.snapshotPath(), spooled.modified(), in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot add '" + file.snapshotPath() + "' to the snapshot: "
                        + e.getMessage(), e);
            } finally {
                spooled.spool().delete();
            }
            added++;
        }

        @Override
        public void discard(RemoteFile file, Spooled spooled) {
            spooled.spool().delete();
        }

        /** One connection downloading into spools. */
        private final class Lane implements ParallelTransfer.Lane<RemoteFile, Spooled> {

            private final FtpSession session;
            /** Whether this lane opened the session (the listing session is the driver's to close). */
            private final boolean own;

            Lane(FtpSession session, boolean own) {
                this.session = session;
                this.own = own;
            }

            @Override
            public Spooled transfer(RemoteFile file, DriverProgress laneProgress) throws DeviceProblemException {
                Spool spool = null;
                boolean handedOver = false;
                try {
                    Instant modified = modifiedTime(session, file, laneProgress);
                    spool = new Spool(spoolFolder, file.size());
                    Spool target = spool;
                    try (OutputStream out = localOutput(() -> target)) {
                        download(session, file, out, laneProgress);
                    }
                    handedOver = true;
                    return new Spooled(modified, spool);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write a temporary download file: " + e.getMessage()
                            + " (or set concurrency to 1)", e);
                } finally {
                    if (!handedOver && spool != null) {
                        spool.delete();
                    }
                }
            }

            /** Closes the running transfers' data streams (a blocked read would wait for the timeout) and the session. */
            @Override
            public void abort() {
                stopAll();
                session.abort();
            }

            @Override
            public void close() {
                if (own) {
                    session.close();
                }
            }
        }
    }

    /** Opens a local stream; its write failures become {@link LocalWriteException}s. */
    private static OutputStream localOutput(LocalOpener opener) {
        OutputStream target;
        try {
            target = opener.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write on this computer: " + e.getMessage(), e);
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    target.write(b, off, len);
                } catch (IOException e) {
                    throw new LocalWriteException(e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    target.close();
                } catch (IOException e) {
                    throw new LocalWriteException(e);
                }
            }
        };
    }

    private static void closeLocal(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write on this computer: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface LocalOpener {
        OutputStream open() throws IOException;
    }

    /** A write on this computer failed (disk full): not a device problem, so it is not reported as one. */
    private static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a left-over temporary file; the folder is removed next
        }
    }

    private static void deleteFolder(Path folder) {
        try (var entries = Files.list(folder)) {
            entries.forEach(Downloads::deleteQuietly);
        } catch (IOException e) {
            // nothing more to do
        }
        deleteQuietly(folder);
    }
}
