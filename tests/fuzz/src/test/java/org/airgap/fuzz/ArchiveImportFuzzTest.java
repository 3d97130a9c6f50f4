package org.airgap.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.airgap.archive.ArchiveFormat;
import org.airgap.archive.ImportOptions;
import org.airgap.archive.SnapshotArchives;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.eclipse.core.runtime.NullProgressMonitor;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A snapshot archive someone hands the workbench or the server to import (docs/security.md, "malicious
 * archive"): the first byte picks tar.gz or zip, the rest is the file. The import either yields a
 * snapshot or refuses with an IOException (ArchiveRejectedException naming the entry) and a message,
 * into a fresh store each time, with the default options (the budget is what the manifest declares).
 */
class ArchiveImportFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void importArchive(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        ArchiveFormat format = ArchiveFormat.values()[Byte.toUnsignedInt(input[0]) % ArchiveFormat.values().length];
        Path scratch = Files.createTempDirectory("airgap-fuzz-archive");
        try {
            Path archive = scratch.resolve("fuzzed" + format.suffix());
            Files.write(archive, java.util.Arrays.copyOfRange(input, 1, input.length));
            ContentStore store = ContentStores.open(scratch.resolve("store"));
            try {
                SnapshotArchives.importArchive(archive, format, store, ImportOptions.defaults(), new NullProgressMonitor());
            } catch (IOException e) {
                Contract.requireMessage(e);
            }
        } finally {
            Contract.deleteTree(scratch);
        }
    }
}
