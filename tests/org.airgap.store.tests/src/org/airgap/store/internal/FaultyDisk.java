package org.airgap.store.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Write hooks for the store tests: a disk that fills up, and blob syncs the test holds back or fails. */
final class FaultyDisk {

    /** What a test does on the finalizing thread just before a blob is synced. */
    interface SyncStep {
        void run(Path file) throws IOException;
    }

    private FaultyDisk() {
    }

    /** Fails like a full disk once {@code limit} bytes went to a file whose name starts with {@code prefix}. */
    static FileContentStore.WriteHook fullAfter(long limit, String prefix) {
        return (file, out) -> file.getFileName().toString().startsWith(prefix) ? new FullAfter(out, limit) : out;
    }

    /** Runs {@code step} before every blob sync; writes pass unchanged. */
    static FileContentStore.WriteHook beforeEachSync(SyncStep step) {
        return new FileContentStore.WriteHook() {
            @Override
            public OutputStream wrap(Path file, OutputStream out) {
                return out;
            }

            @Override
            public void beforeSync(Path file) throws IOException {
                step.run(file);
            }
        };
    }

    private static final class FullAfter extends FilterOutputStream {
        private final long limit;
        private long written;

        FullAfter(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                throw new IOException("No space left on device");
            }
            written += len;
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }
    }
}
