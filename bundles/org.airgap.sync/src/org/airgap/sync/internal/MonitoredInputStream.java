package org.airgap.sync.internal;

import java.io.IOException;
import java.io.InputStream;

import org.airgap.session.http.ServerClient;
import org.airgap.store.ObservedInputStream;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * A download from the server: counts its bytes as progress, stops when the monitor is cancelled, and
 * turns a broken connection into the client's "cannot reach" failure so that it is not taken for a
 * problem of the local store the bytes are written to.
 */
final class MonitoredInputStream extends ObservedInputStream {

    private static final int KIB = 1024;

    private final ServerClient client;
    private final SubMonitor progress;
    private long reported;

    MonitoredInputStream(InputStream in, ServerClient client, SubMonitor progress) {
        super(in);
        this.client = client;
        this.progress = progress;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (progress.isCanceled()) {
            throw new OperationCanceledException();
        }
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw client.unreachable(e);
        }
    }

    @Override
    protected void passed(byte[] b, int off, int n) {
        long kib = count() / KIB;
        if (kib > reported) {
            progress.worked((int) (kib - reported));
            reported = kib;
        }
    }
}
