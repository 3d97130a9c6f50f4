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
import java.nio.file.StandardCopyOption;
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
 *
 * <p>Opened with an {@link AuditSealing} that seals, each line is the entry's line sealed under the key
 * (docs/formats.md, "Sealed audit trail"): reading, appending and checking the chain need the key; without
 * it {@link #verify()} checks the lines' structure, numbers and checksums. The entries and their hashes are
 * the same either way: the chain the server receives does not depend on how the laptop stores it.
 */
public final class AuditTrail implements Closeable {

    private static final System.Logger LOG = System.getLogger(AuditTrail.class.getName());

    /** Where {@link #sealPlainLines()} writes the sealed copy before it replaces the file. */
    private static final String SEALING_SUFFIX = ".sealing";

    private final Path file;
    private final Clock clock;
    private final AuditSealing sealing;
    private FileChannel channel;
    private FileLock lock;
    private final String recoveryWarning;
    /** Whether the file's lines are sealed (decided by its first line; an empty file by the sealing). */
    private boolean sealedFile;
    /** Complete lines in the file. */
    private long lines;
    private long lastSequence;
    /** {@code null} while unknown: the last line of a sealed file is read at the first append. */
    private String lastHash;
    /** Set when a failed append could not be undone: the file may end in a partial line. */
    private String damage;

    private AuditTrail(Path file, Clock clock, AuditSealing sealing, FileChannel channel, FileLock lock,
            String recoveryWarning, List<String> complete) throws IOException {
        this.file = file;
        this.clock = clock;
        this.sealing = sealing;
        this.channel = channel;
        this.lock = lock;
        this.recoveryWarning = recoveryWarning;
        this.lines = complete.size();
        this.sealedFile = complete.isEmpty() ? sealing.sealed() : SealedAuditLines.isSealed(complete.get(0));
        if (complete.isEmpty()) {
            lastSequence = 0;
            lastHash = AuditEntry.GENESIS_HASH;
        } else if (sealedFile) {
            lastSequence = lastLine(complete, SealedAuditLines::parse).sequence();
            lastHash = null;
        } else {
            AuditEntry last = lastLine(complete, AuditLines::parse);
            lastSequence = last.sequence();
            lastHash = last.hash();
        }
    }

    /** Opens (or creates) the trail in {@code file}, with entry times from the system clock. */
    public static AuditTrail open(Path file) throws IOException {
        return open(file, Clock.systemUTC());
    }

    /** Opens (or creates) a plain trail in {@code file}. */
    public static AuditTrail open(Path file, Clock clock) throws IOException {
        return open(file, clock, AuditSealing.PLAIN);
    }

    /**
     * Opens (or creates) the trail in {@code file}; removes an incomplete last line.
     *
     * Its lines are sealed when {@code sealing} seals and the file is empty, or when its first line is sealed;
     * a plain trail is sealed by {@link #sealPlainLines()}.
     *
     * @throws IOException when another process has the trail open, or its last complete line is not a valid
     *                     entry (appending would extend a damaged trail; {@link #verify(Path)} says more)
     * @since 0.2
     */
    public static AuditTrail open(Path file, Clock clock, AuditSealing sealing) throws IOException {
        // A sealed copy a crash left before it replaced the file: the file is still the whole trail.
        Files.deleteIfExists(sealingCopy(file));
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
            return new AuditTrail(file, clock, sealing, channel, lock, warning,
                    lines(file, Arrays.copyOf(content, intact)));
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
        if (lines == 0 && sealing.sealed()) {
            sealedFile = true; // an empty trail of a workspace that got its key: sealed from its first entry
        }
        if (sealedFile && !sealing.unlocked()) {
            // Nothing is written without the key (docs/security.md, "Stolen laptop").
            throw new IOException("audit trail " + file + " is sealed and the workspace is locked: log in to record "
                    + action + " of " + user);
        }
        if (sealedFile != sealing.sealed()) {
            // Nothing is written plain into an encrypted workspace: the unlock seals the trail first.
            throw new IOException("audit trail " + file + (sealedFile ? " is sealed, but the workspace has no key"
                    : " is plain in an encrypted workspace and is sealed at the next login") + ": not recording "
                    + action + " of " + user);
        }
        AuditEntry entry = AuditEntry.create(lastSequence + 1, clock.instant(), user, action, subject, details,
                head());
        String line = AuditLines.line(entry);
        if (sealedFile) {
            line = SealedAuditLines.line(lines + 1, sealing.seal(line.getBytes(StandardCharsets.UTF_8),
                    SealedAuditLines.context(lines + 1)));
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
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
        lines++;
        lastSequence = entry.sequence();
        lastHash = entry.hash();
        return entry;
    }

    /** The hash the next entry follows; a sealed trail's last line is opened for it the first time. */
    private String head() throws IOException {
        if (lastHash == null) {
            List<AuditEntry> entries = entries();
            AuditEntry last = entries.get(entries.size() - 1);
            lastSequence = last.sequence();
            lastHash = last.hash();
        }
        return lastHash;
    }

    /**
     * Seals a plain trail under the sealing's key (the migration of a workspace from before its audit trail was
     * sealed): every line, valid or not, is sealed as it is into a copy beside the file, which is forced to
     * disk and then renamed over it. Cut off anywhere, the file is the plain trail or the sealed one; the next
     * call finishes. An empty plain trail is sealed from its first entry on. Nothing to do for a sealed one.
     *
     * @return whether lines were sealed
     * @since 0.2
     */
    public synchronized boolean sealPlainLines() throws IOException {
        if (sealedFile || !sealing.sealed()) {
            return false;
        }
        if (lines == 0) {
            sealedFile = true;
            return false;
        }
        if (!sealing.unlocked()) {
            throw new IOException("audit trail " + file + " can only be sealed with the workspace's key");
        }
        List<String> plain = lines(file, readAll(channel));
        StringBuilder sealed = new StringBuilder();
        for (int i = 0; i < plain.size(); i++) {
            sealed.append(SealedAuditLines.line(i + 1L, sealing.seal(plain.get(i).getBytes(StandardCharsets.UTF_8),
                    SealedAuditLines.context(i + 1L)))).append('\n');
        }
        Path copy = sealingCopy(file);
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(sealed.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        // The lock goes with the channel of the replaced file; the workspace's own lock keeps others out meanwhile.
        close();
        try {
            Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file);
        } finally {
            // The trail goes on in the file as it is now, sealed or (the move failed) still plain.
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IOException("audit trail " + file + " was opened by another process while it was sealed");
            }
        }
        sealedFile = true;
        LOG.log(Level.INFO, "audit trail " + file + ": sealed its " + plain.size() + " entries");
        return true;
    }

    /** Whether the trail's lines are sealed. */
    public synchronized boolean sealed() {
        return sealedFile;
    }

    private static Path sealingCopy(Path file) {
        return file.resolveSibling(file.getFileName() + SEALING_SUFFIX);
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
        return read(file, sealing);
    }

    /**
     * Checks the whole hash chain of this trail; a sealed trail without its key only by its lines' structure,
     * numbers and checksums ({@link AuditVerification#chainChecked()} false).
     */
    public synchronized AuditVerification verify() throws IOException {
        return verify(file, sealing);
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
        return read(file, AuditSealing.PLAIN);
    }

    /**
     * Reads all entries of a trail file, sealed or plain, without checking the chain.
     *
     * @throws IOException naming the file and line of a line that is not a valid entry, or when the trail is
     *                     sealed and {@code sealing} has no key
     * @since 0.2
     */
    public static List<AuditEntry> read(Path file, AuditSealing sealing) throws IOException {
        List<String> lines = lines(file, Files.readAllBytes(file));
        boolean sealedFile = !lines.isEmpty() && SealedAuditLines.isSealed(lines.get(0));
        if (sealedFile && !sealing.unlocked()) {
            throw new IOException("audit trail " + file + " is sealed and the workspace is locked: log in to read it");
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                String line = sealedFile ? opened(sealing, lines.get(i), i + 1) : lines.get(i);
                entries.add(AuditLines.parse(line));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException("audit trail " + file + " line " + (i + 1) + " is not a valid entry: "
                        + e.getMessage(), e);
            }
        }
        return entries;
    }

    /** The plain line a sealed line holds; a line that does not open is an IllegalArgumentException naming why. */
    static String opened(AuditSealing sealing, String line, long number) throws IOException {
        SealedAuditLines.Envelope envelope = SealedAuditLines.parse(line);
        try {
            return new String(sealing.open(envelope.sealed(), SealedAuditLines.context(number)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("does not open with the workspace's key (" + e.getMessage()
                    + "): edited, damaged, or moved from another line", e);
        }
    }

    /**
     * Checks a trail file: every line a canonical entry, sequence numbers 1, 2, 3, ..., each hash matching
     * its entry's content, each {@code previousHash} matching the entry before. Stops at the first problem.
     * An edited entry fails its own hash; a removed, inserted or moved entry breaks the sequence or the
     * chain at that place. Entries cut off the end are only visible against a {@code lastHash} kept
     * elsewhere.
     */
    public static AuditVerification verify(Path file) throws IOException {
        return verify(file, AuditSealing.PLAIN);
    }

    /**
     * Checks a trail file as {@link #verify(Path)} does; a sealed trail's lines are opened with
     * {@code sealing}'s key first, each bound to its line number. Without the key, each sealed line is checked
     * for its canonical form, its number (1, 2, 3, ...) and its sealed bytes' structure and checksums
     * ({@link AuditSealing#check}): accidental damage, a cut-off or a removed, inserted or moved line are
     * found, but not a deliberate change that recomputes the checksums.
     *
     * @since 0.2
     */
    public static AuditVerification verify(Path file, AuditSealing sealing) throws IOException {
        return AuditTrailCheck.verify(file, sealing);
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

    private <T> T lastLine(List<String> complete, java.util.function.Function<String, T> parse) throws IOException {
        try {
            return parse.apply(complete.get(complete.size() - 1));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("audit trail " + file + " line " + complete.size() + " is not a valid entry ("
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
