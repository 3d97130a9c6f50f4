package org.airgap.audit;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An audit trail file: one JSON line per {@link AuditEntry}, each entry's hash chained to the one before
 * (docs/formats.md, "Audit trail"). The file is only ever appended to; every append is forced to disk
 * before it returns. Opening holds an exclusive lock on the file, so one process appends at a time;
 * within the process, all methods are thread-safe.
 *
 * <p>A process killed in the middle of an append leaves an incomplete last line (no line end). Opening
 * removes it — that entry was never acknowledged to its caller — and reports it in
 * {@link #recoveryWarning()} and the log; the entries before it are untouched.
 */
public final class AuditTrail implements Closeable {

    private static final System.Logger LOG = System.getLogger(AuditTrail.class.getName());

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final FileLock lock;
    private final String recoveryWarning;
    private long lastSequence;
    private String lastHash;
    /** Set when a failed append could not be undone: the file may end in a partial line. */
    private String damage;

    private AuditTrail(Path file, Clock clock, FileChannel channel, FileLock lock, String recoveryWarning,
            AuditEntry last) {
        this.file = file;
        this.clock = clock;
        this.channel = channel;
        this.lock = lock;
        this.recoveryWarning = recoveryWarning;
        this.lastSequence = last == null ? 0 : last.sequence();
        this.lastHash = last == null ? AuditEntry.GENESIS_HASH : last.hash();
    }

    /** Opens (or creates) the trail in {@code file}, with entry times from the system clock. */
    public static AuditTrail open(Path file) throws IOException {
        return open(file, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the trail in {@code file}; removes an incomplete last line.
     *
     * @throws IOException when another process has the trail open, or its last complete line is not a valid
     *                     entry (appending would extend a damaged trail; {@link #verify(Path)} says more)
     */
    public static AuditTrail open(Path file, Clock clock) throws IOException {
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (created) {
                syncDirectory(file);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException openInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("audit trail " + file + " is already open in this or another Airgap process");
            }
            byte[] content = readAll(channel);
            int intact = intactLength(content);
            String warning = null;
            if (intact < content.length) {
                channel.truncate(intact);
                channel.force(true);
                warning = "audit trail " + file + ": removed an incomplete last line (" + (content.length - intact)
                        + " bytes) left by an interrupted append; the entries before it are intact";
                LOG.log(Level.WARNING, warning);
            }
            AuditEntry last = lastEntry(file, Arrays.copyOf(content, intact));
            return new AuditTrail(file, clock, channel, lock, warning, last);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** What opening repaired, if anything: an incomplete last line it removed. */
    public Optional<String> recoveryWarning() {
        return Optional.ofNullable(recoveryWarning);
    }

    /**
     * Appends an entry at the current time and forces it to disk.
     *
     * @param user    who did it, not blank
     * @param subject what it was done to; {@code null} is taken as empty
     * @param details free text; {@code null} is taken as empty
     * @return the entry written, with its sequence number and hash
     */
    public synchronized AuditEntry append(String user, AuditAction action, String subject, String details)
            throws IOException {
        if (!channel.isOpen()) {
            throw new IOException("audit trail " + file + " is closed");
        }
        if (damage != null) {
            throw new IOException("audit trail " + file + " refuses appends: " + damage);
        }
        AuditEntry entry = AuditEntry.create(lastSequence + 1, clock.instant(), user, action, subject, details,
                lastHash);
        ByteBuffer bytes = ByteBuffer.wrap((AuditLines.line(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        long end = channel.size();
        try {
            long position = end;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(false);
        } catch (IOException e) {
            undoPartialAppend(end, e);
            throw new IOException("cannot append to audit trail " + file + ": " + e.getMessage(), e);
        }
        lastSequence = entry.sequence();
        lastHash = entry.hash();
        return entry;
    }

    /** A failed write (disk full) may have left part of a line: cut it off so the next append starts clean. */
    private void undoPartialAppend(long end, IOException cause) {
        try {
            channel.truncate(end);
            channel.force(false);
        } catch (IOException e) {
            cause.addSuppressed(e);
            damage = "an append failed and its partial line could not be removed (" + e.getMessage()
                    + "); reopen the trail to repair it";
        }
    }

    /** All entries, oldest first. */
    public synchronized List<AuditEntry> entries() throws IOException {
        return read(file);
    }

    /** Checks the whole hash chain of this trail. */
    public synchronized AuditVerification verify() throws IOException {
        return verify(file);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Reads all entries of a trail file without checking the chain.
     *
     * @throws IOException naming the file and line of a line that is not a valid entry
     */
    public static List<AuditEntry> read(Path file) throws IOException {
        List<String> lines = lines(file, Files.readAllBytes(file));
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                entries.add(AuditLines.parse(lines.get(i)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException("audit trail " + file + " line " + (i + 1) + " is not a valid entry: "
                        + e.getMessage(), e);
            }
        }
        return entries;
    }

    /**
     * Checks a trail file: every line a canonical entry, sequence numbers 1, 2, 3, ..., each hash matching
     * its entry's content, each {@code previousHash} matching the entry before. Stops at the first problem.
     * An edited entry fails its own hash; a removed, inserted or moved entry breaks the sequence or the
     * chain at that place. Entries cut off the end are only visible against a {@code lastHash} kept
     * elsewhere.
     */
    public static AuditVerification verify(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int complete = lines.length - 1; // the part after the last '\n' is empty for an intact file
        String previousHash = AuditEntry.GENESIS_HASH;
        AuditEntry previous = null;
        long valid = 0;
        for (int i = 0; i < lines.length; i++) {
            long expected = i + 1L;
            int lineNumber = i + 1;
            String line = lines[i];
            if (i == complete) {
                if (line.isEmpty()) {
                    break;
                }
                return bad(file, valid, previousHash, expected, "line " + lineNumber
                        + " is incomplete (no line end): an interrupted append, removed when the trail is next opened");
            }
            AuditEntry entry;
            try {
                entry = AuditLines.parse(line);
            } catch (IllegalArgumentException | NullPointerException e) {
                return bad(file, valid, previousHash, expected, "line " + lineNumber + " is not a valid entry: "
                        + e.getMessage());
            }
            if (!line.equals(AuditLines.line(entry))) {
                return bad(file, valid, previousHash, expected, "line " + lineNumber
                        + " is not in canonical form (the line was edited)");
            }
            AuditChain.Break broken = AuditChain.check(previous, entry);
            if (broken != null) {
                String where = "line " + lineNumber;
                return bad(file, valid, previousHash, expected, switch (broken) {
                case HASH_MISMATCH -> where + " (sequence " + entry.sequence()
                        + ") does not match its hash: the entry was edited or forged";
                case GAP -> where + " holds entry " + entry.sequence() + " where entry " + expected + " belongs (entry "
                        + expected + " was removed or moved)";
                case OUT_OF_ORDER -> where + " holds entry " + entry.sequence() + " where entry " + expected
                        + " belongs (entries were inserted or reordered)";
                case WRONG_LINK -> where
                        + ": previousHash does not match the hash of the entry before (an entry was replaced)";
                });
            }
            previous = entry;
            previousHash = entry.hash();
            valid++;
        }
        return new AuditVerification(file.toString(), valid, previousHash, 0, null);
    }

    private static AuditVerification bad(Path file, long valid, String lastHash, long sequence, String problem) {
        return new AuditVerification(file.toString(), valid, lastHash, sequence, problem);
    }

    /** The complete lines of a trail; an incomplete last line is an error here (open() removes it). */
    private static List<String> lines(Path file, byte[] content) throws IOException {
        if (content.length > 0 && content[content.length - 1] != '\n') {
            throw new IOException("audit trail " + file + " ends in an incomplete line (an interrupted append); "
                    + "opening the trail removes it");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** The length up to and including the last line end: what remains when an incomplete last line is cut off. */
    private static int intactLength(byte[] content) {
        int length = content.length;
        while (length > 0 && content[length - 1] != '\n') {
            length--;
        }
        return length;
    }

    private static AuditEntry lastEntry(Path file, byte[] content) throws IOException {
        List<String> lines = lines(file, content);
        if (lines.isEmpty()) {
            return null;
        }
        try {
            return AuditLines.parse(lines.get(lines.size() - 1));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("audit trail " + file + " line " + lines.size() + " is not a valid entry ("
                    + e.getMessage() + "); not appending to a damaged trail", e);
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("audit trail larger than 2 GB");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        long position = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                break;
            }
            position += read;
        }
        return buffer.array();
    }

    /** A new file's name is only durable once its directory is forced too. */
    private static void syncDirectory(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Not every file system can open a directory for reading (Windows); the entry is still written.
            LOG.log(Level.DEBUG, "cannot force directory " + directory + ": " + e.getMessage());
        }
    }
}
