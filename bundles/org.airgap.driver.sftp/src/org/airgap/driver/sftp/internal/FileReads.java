package org.airgap.driver.sftp.internal;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.FileListing;
import org.airgap.driver.api.ParallelTransfer;
import org.airgap.driver.api.ProblemKind;
import org.airgap.store.SnapshotWriter;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpInputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Reads the listed files into the snapshot over the one SFTP channel, keeping it busy as OpenSSH's sftp
 * does and more. Each file is read with many requests outstanding ({@link SftpInputStreamAsync} keeps
 * the channel's window full), opened with the size the listing gave (no extra stat). Large files stream
 * one at a time into the snapshot on the calling thread. Small files (up to {@link #SMALL}, most of a
 * device's files) are read by {@link #READERS} threads at once over the same channel, each file into
 * memory, and the calling thread adds them to the snapshot ({@link ParallelTransfer}, at most two
 * finished files per thread waiting): the round trips of opening, reading and closing a file overlap
 * with other files' instead of adding up, which is what counts on a slow or long link.
 */
final class FileReads {

    /** Files up to this size are read into memory by the parallel readers. */
    static final int SMALL = 1024 * 1024;
    static final int READERS = 8;
    /** Bytes per read request: what every server answers in full (MINA's caps a reply at 63 KiB). */
    static final int REQUEST = 32 * 1024;
    private static final int BUFFER = 256 * 1024;

    /** Thrown when the technician cancelled. */
    static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private final SftpClient sftp;
    private final SftpSettings settings;
    private final DriverProgress progress;
    private final SnapshotWriter snapshot;
    private final List<DeviceProblem> problems;
    private final AtomicInteger filesRead = new AtomicInteger();

    /** @param problems where files that cannot be read are reported (the backup goes on without them) */
    FileReads(SftpClient sftp, SftpSettings settings, DriverProgress progress, SnapshotWriter snapshot,
            List<DeviceProblem> problems) {
        this.sftp = sftp;
        this.settings = settings;
        this.progress = progress;
        this.snapshot = snapshot;
        this.problems = problems;
    }

    int filesRead() {
        return filesRead.get();
    }

    /**
     * Reads every file: the large ones first, then the small ones in parallel. In gentle mode one file at a
     * time instead, each after the job's pause and read at no more than its bandwidth cap.
     */
    void readAll(List<FileListing.File<String>> files) throws DeviceProblemException, Cancelled {
        if (progress.pacing().isOn()) {
            for (FileListing.File<String> file : files) {
                stream(file);
            }
            return;
        }
        List<FileListing.File<String>> small = new ArrayList<>();
        for (FileListing.File<String> file : files) {
            if (file.size() > SMALL) {
                stream(file);
            } else {
                small.add(file);
            }
        }
        if (small.size() == 1) {
            stream(small.get(0));
        } else if (!small.isEmpty() && !new ParallelTransfer<FileListing.File<String>, Fetched>(
                "airgap-sftp-" + settings.host(), READERS, settings.timeout().plus(Duration.ofSeconds(5)))
                        .run(small, new Readers(), progress)) {
            throw new Cancelled();
        }
    }

    /** Streams one file into the snapshot on the calling thread, checking cancellation between pieces. */
    private void stream(FileListing.File<String> file) throws DeviceProblemException, Cancelled {
        try {
            progress.pacing().beforeRequest();
            Opened opened = openFile(file);
            if (opened.in() == null) {
                report(opened.problem(), opened.note());
                return;
            }
            try (InputStream in = progress.pacing().throttle(opened.in());
                    OutputStream out = snapshot.file(file.path(), file.modified())) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    if (progress.isCancelled()) {
                        throw new Cancelled();
                    }
                    out.write(buffer, 0, n);
                    progress.worked(n, file.path());
                }
                endOfFile();
            }
            filesRead.incrementAndGet();
        } catch (InterruptedIOException e) {
            if (progress.isCancelled()) { // gentle mode's wait noticed the cancel; else a socket timeout
                throw new Cancelled();
            }
            throw connectionLost(settings, e, "while reading '" + file.source() + "'", filesRead());
        } catch (IOException e) {
            throw connectionLost(settings, e, "while reading '" + file.source() + "'", filesRead());
        }
    }

    /** An open file, or why it was not opened: a problem (PARTIAL) or a note for the log. */
    private record Opened(InputStream in, String problem, String note) {
    }

    private Opened openFile(FileListing.File<String> file) throws IOException {
        SftpClient.CloseableHandle handle;
        try {
            handle = sftp.open(file.source(), SftpClient.OpenMode.Read);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return new Opened(null, null, "'" + file.source() + "' was deleted on the device after it was listed; "
                        + "not backed up");
            }
            if (e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED) {
                return new Opened(null, "Cannot read '" + file.source() + "' on " + settings.address()
                        + ": permission denied for user '" + settings.user()
                        + "'; give the user read access or exclude the file", null);
            }
            throw e;
        }
        return new Opened(new SftpInputStreamAsync((AbstractSftpClient) sftp, REQUEST, 0, file.size(), file.source(),
                handle), null, null);
    }

    /** An end of file caused by a dropped connection is no end of file. */
    private void endOfFile() throws IOException {
        if (!sftp.isOpen()) {
            throw new EOFException("the SFTP channel closed");
        }
    }

    private void report(String problem, String note) {
        if (problem != null) {
            problems.add(new DeviceProblem(ProblemKind.PARTIAL, problem));
            progress.log(problem);
        } else {
            progress.log(note);
        }
    }

    /** The device stopped answering (TIMEOUT) or the connection dropped (PARTIAL) {@code where}. */
    static DeviceProblemException connectionLost(SftpSettings settings, IOException e, String where, int filesRead) {
        boolean timeout = SftpConnection.isTimeout(e);
        return new DeviceProblemException(timeout ? ProblemKind.TIMEOUT : ProblemKind.PARTIAL, (timeout
                ? settings.address() + " stopped answering for " + settings.timeoutText() + " "
                : "The connection to " + settings.address() + " was lost ") + where + " (" + filesRead
                + " files read; " + SftpConnection.describe(e)
                + "): the backup is incomplete and is not kept; check the device and run it again", e);
    }

    /** A small file read by a reader: its content, or why it was not read. */
    private record Fetched(byte[] content, int length, String problem, String note) {
    }

    /** The parallel readers: threads sharing the one SFTP channel, each reading whole small files. */
    private final class Readers implements ParallelTransfer.Lanes<FileListing.File<String>, Fetched>,
            ParallelTransfer.Lane<FileListing.File<String>, Fetched> {

        @Override
        public ParallelTransfer.Lane<FileListing.File<String>, Fetched> open(int number, DriverProgress laneProgress) {
            return this; // no state of their own: every reader uses the channel
        }

        @Override
        public Fetched transfer(FileListing.File<String> file, DriverProgress laneProgress) throws DeviceProblemException {
            try {
                Opened opened = openFile(file);
                if (opened.in() == null) {
                    return new Fetched(null, 0, opened.problem(), opened.note());
                }
                try (InputStream in = opened.in()) {
                    byte[] content = new byte[(int) file.size() + 1]; // + 1: the end shows without growing
                    int length = 0;
                    for (int n; (n = in.read(content, length, content.length - length)) >= 0;) {
                        if (laneProgress.isCancelled()) {
                            throw new DeviceProblemException(ProblemKind.CANCELLED, "stopped");
                        }
                        length += n;
                        if (length == content.length) { // the file grew since it was listed
                            content = Arrays.copyOf(content, content.length * 2);
                        }
                    }
                    endOfFile();
                    return new Fetched(content, length, null, null);
                }
            } catch (IOException e) {
                throw connectionLost(settings, e, "while reading '" + file.source() + "'", filesRead());
            }
        }

        @Override
        public void receive(FileListing.File<String> file, Fetched fetched) {
            if (fetched.content() == null) {
                report(fetched.problem(), fetched.note());
                return;
            }
            try {
                snapshot.file(file.path(), file.modified(), new ByteArrayInputStream(fetched.content(), 0, fetched.length()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot add '" + file.path() + "' to the snapshot: " + e.getMessage(), e);
            }
            filesRead.incrementAndGet();
            progress.worked(fetched.length(), file.path());
        }

        /** Closes the channel, so that readers waiting for the device return at once (the backup is over). */
        @Override
        public void abort() {
            try {
                sftp.getChannel().close(true);
            } catch (RuntimeException e) {
                // closing anyway
            }
        }

        @Override
        public void close() {
            // the channel is the connection's, closed with it
        }
    }
}
