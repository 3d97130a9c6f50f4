package org.airgap.compare;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.airgap.model.CompareResult;
import org.airgap.model.IgnoreRule;
import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Compares a backup with a basis (the server version or the previous backup), as a DS service.
 * <p>
 * Files with the same SHA-256 are equal without reading them. Other files of up to
 * {@link #TEXT_LIMIT} bytes without NUL bytes are read line by line, both at once, so that lines matched
 * by a line ignore rule and the comments of table files (docs/formats.md) do not count; larger or binary
 * files are compared by hash only. Modification times are not compared: devices rewrite them on every
 * read.
 */
@ProviderType
public interface CompareEngine {

    /** Files larger than this are compared by hash only and get no line diff. */
    long TEXT_LIMIT = 16L * 1024 * 1024;

    /**
     * Compares two snapshots path by path.
     *
     * @param basis       the snapshot compared with, or {@code null} when there is none (the result is then
     *                    {@link org.airgap.model.CompareResult#NOT_AVAILABLE})
     * @param basisBlobs  where the basis contents are read from
     * @param backup      the new backup
     * @param backupBlobs where the backup contents are read from
     * @param rules       the job's ignore rules (a rule's line pattern is found anywhere in a line; anchor
     *                    it with {@code ^} for the start of a line)
     * @param monitor     progress and cancellation, may be {@code null}
     * @throws OperationCanceledException    when the monitor is cancelled
     * @throws IllegalArgumentException when a rule's line pattern is not a valid regular expression
     */
    SnapshotComparison compare(Manifest basis, BlobSource basisBlobs, Manifest backup, BlobSource backupBlobs,
            List<IgnoreRule> rules, IProgressMonitor monitor);

    /**
     * The compare result of a backup with its basis, both in {@code store}: the one rule the runner (on
     * site) and the server (at commit) apply to the server version and to the previous backup.
     *
     * @param store   holds the basis snapshot and the contents of both
     * @param basisId the basis snapshot's id, {@code null} when there is none
     * @param backup  the new backup
     * @param rules   the job's ignore rules
     * @param failure told why when the comparison could not be made (the basis or a content cannot be
     *                read, a rule's line pattern is invalid)
     * @return {@link CompareResult#NOT_AVAILABLE} without a basis, {@link CompareResult#ERROR} when the
     *         comparison failed, otherwise the comparison's result
     */
    default CompareResult compareWithBasis(ContentStore store, String basisId, Manifest backup, List<IgnoreRule> rules,
            Consumer<Exception> failure) {
        if (basisId == null) {
            return CompareResult.NOT_AVAILABLE;
        }
        try {
            Manifest basis = store.readSnapshot(basisId).manifest();
            return compare(basis, store::openBlob, backup, store::openBlob, rules, null).result();
        } catch (IOException | RuntimeException e) {
            failure.accept(e);
            return CompareResult.ERROR;
        }
    }

    /**
     * The differences of one path for display: a {@link TableDiff} when the files are table files, a
     * {@link TextDiff} for other text, and only a reason for binary, large or non-file entries.
     *
     * @param basis  the basis entry, {@code null} when the path was added
     * @param backup the backup entry, {@code null} when the path was removed
     * @throws IOException when a content cannot be read
     */
    FileDiff diff(ManifestEntry basis, BlobSource basisBlobs, ManifestEntry backup, BlobSource backupBlobs,
            List<IgnoreRule> rules) throws IOException;
}
