package org.airgap.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class ObservedInputStreamTest {

    /** Records every chunk it is shown and how often the end was reached. */
    private static final class Recording extends ObservedInputStream {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int ends;

        Recording(InputStream in) {
            super(in);
        }

        @Override
        protected void passed(byte[] b, int off, int n) {
            seen.write(b, off, n);
        }

        @Override
        protected void ended() {
            ends++;
        }
    }

    @Test
    void singleByteAndBulkReadsAreCountedAndShownOnce() throws IOException {
        byte[] content = { 1, 2, (byte) 0xff, 4, 5 };
        Recording in = new Recording(new ByteArrayInputStream(content));

        assertEquals(1, in.read());
        byte[] buffer = new byte[2];
        assertEquals(2, in.read(buffer));
        assertEquals(0xff, buffer[1] & 0xff);
        assertEquals(3, in.count());
        assertArrayEquals(new byte[] { 4, 5 }, in.readAllBytes());

        assertEquals(5, in.count());
        assertArrayEquals(content, in.seen.toByteArray());
        assertEquals(1, in.ends);
        assertEquals(-1, in.read());
        assertEquals(2, in.ends);
        assertEquals(5, in.count());
    }

    @Test
    void aFailureOfPassedFailsTheRead() throws IOException {
        InputStream in = new ObservedInputStream(new ByteArrayInputStream(new byte[10])) {
            @Override
            protected void passed(byte[] b, int off, int n) throws IOException {
                if (count() > 4) {
                    throw new IOException("more than 4 bytes");
                }
            }
        };

        assertEquals(0, in.read());
        IOException e = assertThrows(IOException.class, in::readAllBytes);
        assertEquals("more than 4 bytes", e.getMessage());
    }
}
