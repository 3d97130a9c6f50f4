package org.airgap.compare.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.airgap.driver.api.TableFile;
import org.airgap.compare.BlobSource;
import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.FileDiff;
import org.airgap.compare.SnapshotComparison;
import org.airgap.compare.TableDiff;
import org.airgap.compare.TableFormatException;
import org.airgap.compare.TextDiff;
import org.airgap.model.CompareResult;
import org.airgap.model.IgnoreRule;
import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * The compare engine: a merge of the two sorted manifests, contents read only for files whose hashes
 * differ, both files streamed side by side a line at a time.
 */
@Component(service = CompareEngine.class)
public final class StreamingCompareEngine implements CompareEngine {

    private static final int LINES_BETWEEN_CANCEL_CHECKS = 4096;

    @Override
    public SnapshotComparison compare(Manifest basis, BlobSource basisBlobs, Manifest backup, BlobSource backupBlobs,
            List<IgnoreRule> rules, IProgressMonitor monitor) {
        Objects.requireNonNull(backup, "backup");
        IgnoreRules ignore = IgnoreRules.of(rules);
        if (basis == null) {
            return SnapshotComparison.notAvailable();
        }
        Objects.requireNonNull(basisBlobs, "basisBlobs");
        Objects.requireNonNull(backupBlobs, "backupBlobs");
        List<ManifestEntry> left = basis.entries();
        List<ManifestEntry> right = backup.entries();
        SubMonitor progress = SubMonitor.convert(monitor, "Comparing with the basis", left.size() + right.size());
        List<EntryComparison> entries = new ArrayList<>(Math.max(left.size(), right.size()));
        CompareResult result = CompareResult.EQUAL;
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (progress.isCanceled()) {
                throw new OperationCanceledException();
            }
            ManifestEntry a = i < left.size() ? left.get(i) : null;
            ManifestEntry b = j < right.size() ? right.get(j) : null;
            // Manifests are sorted by String order of their paths: a merge finds each pair in one pass.
            int order = a == null ? 1 : b == null ? -1 : a.path().compareTo(b.path());
            if (order <= 0) {
                i++;
                progress.worked(1);
            } else {
                a = null;
            }
            if (order >= 0) {
                j++;
                progress.worked(1);
            } else {
                b = null;
            }
            EntryComparison entry = compareEntry(a != null ? a.path() : b.path(), a, basisBlobs, b, backupBlobs,
                    ignore, progress);
            entries.add(entry);
            result = result.combine(entry.status().result());
        }
        return new SnapshotComparison(result, entries);
    }

    private static EntryComparison compareEntry(String path, ManifestEntry a, BlobSource basisBlobs, ManifestEntry b,
            BlobSource backupBlobs, IgnoreRules ignore, IProgressMonitor monitor) {
        if (ignore.ignoresFile(path)) {
            return new EntryComparison(path, EntryStatus.IGNORED, a, b, "left out by an ignore rule");
        }
        if (a == null) {
            return new EntryComparison(path, EntryStatus.ADDED, null, b, null);
        }
        if (b == null) {
            return new EntryComparison(path, EntryStatus.REMOVED, a, null, null);
        }
        if (a.type() != b.type()) {
            return new EntryComparison(path, EntryStatus.CHANGED, a, b,
                    "was a " + describe(a.type()) + ", is a " + describe(b.type()));
        }
        switch (a.type()) {
            case DIRECTORY:
                return new EntryComparison(path, EntryStatus.EQUAL, a, b, null);
            case SYMLINK:
                return Objects.equals(a.linkTarget(), b.linkTarget())
                        ? new EntryComparison(path, EntryStatus.EQUAL, a, b, null)
                        : new EntryComparison(path, EntryStatus.CHANGED, a, b,
                                "link target " + a.linkTarget() + " -> " + b.linkTarget());
            case FILE:
            default:
                break;
        }
        if (a.sha256().equals(b.sha256())) {
            return new EntryComparison(path, EntryStatus.EQUAL, a, b, null);
        }
        if (a.size() > TEXT_LIMIT || b.size() > TEXT_LIMIT) {
            return new EntryComparison(path, EntryStatus.CHANGED, a, b, "larger than 16 MB: compared by hash");
        }
        monitor.subTask(path);
        try (InputStream basisContent = open(basisBlobs, a, "basis");
                InputStream backupContent = open(backupBlobs, b, "backup")) {
            LineVerdict verdict = compareLines(new LineReader(basisContent), new LineReader(backupContent),
                    ignore.lineFilter(path), monitor);
            return new EntryComparison(path, verdict.status, a, b, verdict.detail);
        } catch (ReadFailure e) {
            return new EntryComparison(path, EntryStatus.ERROR, a, b, e.getMessage());
        } catch (IOException e) {
            // Only close() gets here; the content was read, so the verdict would have stood.
            return new EntryComparison(path, EntryStatus.ERROR, a, b, "cannot close " + path + ": " + message(e));
        }
    }

    private enum LineVerdict {
        SAME_IGNORING_LINES(EntryStatus.EQUAL, "differs only in ignored lines"),
        SAME_IGNORING_COMMENTS(EntryStatus.EQUAL, "differs only in table comments"),
        SAME_IGNORING_BOTH(EntryStatus.EQUAL, "differs only in ignored lines and table comments"),
        DIFFERENT(EntryStatus.CHANGED, null),
        BINARY(EntryStatus.CHANGED, "binary content: compared by hash");

        final EntryStatus status;
        final String detail;

        LineVerdict(EntryStatus status, String detail) {
            this.status = status;
            this.detail = detail;
        }
    }

    /**
     * Compares two contents with different hashes a line at a time, skipping lines the filter matches and
     * the comment lines of table files.
     */
    private static LineVerdict compareLines(LineReader left, LineReader right, Predicate<String> ignored,
            IProgressMonitor monitor) throws IOException {
        boolean hasLeft = left.next();
        boolean hasRight = right.next();
        if (left.binary() || right.binary()) {
            return LineVerdict.BINARY;
        }
        boolean tables = hasLeft && hasRight && TableFile.isFirstLine(left.text()) && TableFile.isFirstLine(right.text());
        if (!tables && ignored == null) {
            return LineVerdict.DIFFERENT; // the hashes differ and no line may be skipped
        }
        if (tables) {
            // Both first lines are the table line; the comments that follow it are not compared.
            hasLeft = skipComments(left);
            hasRight = skipComments(right);
        }
        long lines = 0;
        while (true) {
            if (++lines % LINES_BETWEEN_CANCEL_CHECKS == 0 && monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            hasLeft = skipIgnored(left, hasLeft, ignored);
            hasRight = skipIgnored(right, hasRight, ignored);
            if (left.binary() || right.binary()) {
                return LineVerdict.BINARY;
            }
            if (!hasLeft || !hasRight) {
                if (hasLeft || hasRight) {
                    return LineVerdict.DIFFERENT;
                }
                return !tables ? LineVerdict.SAME_IGNORING_LINES
                        : ignored == null ? LineVerdict.SAME_IGNORING_COMMENTS : LineVerdict.SAME_IGNORING_BOTH;
            }
            if (!left.sameLine(right)) {
                return LineVerdict.DIFFERENT;
            }
            hasLeft = left.next();
            hasRight = right.next();
        }
    }

    private static boolean skipComments(LineReader reader) throws IOException {
        boolean has;
        do {
            has = reader.next();
        } while (has && !reader.binary() && reader.text().startsWith("#"));
        return has;
    }

    private static boolean skipIgnored(LineReader reader, boolean has, Predicate<String> ignored) throws IOException {
        while (has && ignored != null && !reader.binary() && ignored.test(reader.text())) {
            has = reader.next();
        }
        return has;
    }

    @Override
    public FileDiff diff(ManifestEntry basis, BlobSource basisBlobs, ManifestEntry backup, BlobSource backupBlobs,
            List<IgnoreRule> rules) throws IOException {
        if (basis == null && backup == null) {
            throw new IllegalArgumentException("diff needs a basis or a backup entry");
        }
        String path = backup != null ? backup.path() : basis.path();
        IgnoreRules ignore = IgnoreRules.of(rules);
        if (ignore.ignoresFile(path)) {
            return new FileDiff.Opaque(path, true, "left out by an ignore rule");
        }
        boolean basisFile = basis != null && basis.type() == EntryType.FILE;
        boolean backupFile = backup != null && backup.type() == EntryType.FILE;
        if (basis != null && backup != null && basis.type() != backup.type()) {
            return new FileDiff.Opaque(path, false, "was a " + describe(basis.type()) + ", is a " + describe(backup.type()));
        }
        if (!basisFile && !backupFile) {
            ManifestEntry entry = backup != null ? backup : basis;
            boolean equal = basis != null && backup != null && Objects.equals(basis.linkTarget(), backup.linkTarget());
            String reason = entry.type() == EntryType.SYMLINK && basis != null && backup != null && !equal
                    ? "link target " + basis.linkTarget() + " -> " + backup.linkTarget()
                    : "a " + describe(entry.type());
            return new FileDiff.Opaque(path, equal, reason);
        }
        boolean sameHash = basisFile && backupFile && basis.sha256().equals(backup.sha256());
        if ((basisFile && basis.size() > TEXT_LIMIT) || (backupFile && backup.size() > TEXT_LIMIT)) {
            return new FileDiff.Opaque(path, sameHash, "larger than 16 MB: compared by hash");
        }
        String oldText = basisFile ? readText(basisBlobs, basis, "basis") : null;
        String newText = backupFile ? readText(backupBlobs, backup, "backup") : null;
        if ((basisFile && oldText == null) || (backupFile && newText == null)) {
            return new FileDiff.Opaque(path, sameHash, "binary content: compared by hash");
        }
        Predicate<String> filter = ignore.lineFilter(path);
        String note = null;
        if ((oldText == null || isTable(oldText)) && (newText == null || isTable(newText))) {
            try {
                return new FileDiff.Table(path, TableDiff.of(oldText, newText, filter));
            } catch (TableFormatException e) {
                note = "not a valid table file, shown as text: " + e.getMessage();
            }
        }
        TextDiff diff = TextDiff.of(oldText == null ? "" : oldText, newText == null ? "" : newText, filter);
        String unified = diff.unified(basisFile ? "basis/" + path : "/dev/null",
                backupFile ? "backup/" + path : "/dev/null");
        return new FileDiff.Text(path, diff, unified, note);
    }

    private static boolean isTable(String text) {
        int end = text.indexOf('\n');
        String first = TextDiff.content(end < 0 ? text : text.substring(0, end + 1));
        return TableFile.isFirstLine(first.startsWith("\uFEFF") ? first.substring(1) : first);
    }

    /** The content as text, or {@code null} when it is binary (NUL bytes, or larger than the text limit). */
    private static String readText(BlobSource blobs, ManifestEntry entry, String side) throws IOException {
        byte[] bytes;
        try (InputStream in = open(blobs, entry, side)) {
            bytes = in.readNBytes((int) TEXT_LIMIT + 1);
        }
        if (bytes.length > TEXT_LIMIT) {
            return null;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A failure to read one side's content, its message naming the file, the side and the blob. */
    private static final class ReadFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ReadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Opens a content so that every failure, now or while reading, is a {@link ReadFailure} naming it. */
    private static InputStream open(BlobSource blobs, ManifestEntry entry, String side) throws ReadFailure {
        String what = "cannot read the " + side + " version of " + entry.path() + " (blob " + entry.sha256() + "): ";
        InputStream in;
        try {
            in = blobs.open(entry.sha256());
        } catch (IOException | UncheckedIOException e) {
            throw new ReadFailure(what + message(e), e);
        }
        if (in == null) {
            throw new ReadFailure(what + "the blob source returned no content", null);
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | UncheckedIOException e) {
                    throw new ReadFailure(what + message(e), e);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (IOException | UncheckedIOException e) {
                    throw new ReadFailure(what + message(e), e);
                }
            }
        };
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return "no such file " + cause.getMessage();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static String describe(EntryType type) {
        return switch (type) {
            case FILE -> "file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symbolic link";
        };
    }
}
