package org.airgap.compare.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.airgap.compare.CompareEngine;

/**
 * Reads a stream line by line as bytes, keeping only the current line: lines are compared byte for byte
 * (so no two different encodings compare equal) and decoded only for ignore rules. Notices what makes a
 * file binary for the compare: a NUL byte, or more than {@link CompareEngine#TEXT_LIMIT} bytes.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int length;
    private long total;
    private boolean binary;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next line with its terminator; {@code false} at the end. */
    boolean next() throws IOException {
        length = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return length > 0;
                }
            }
            int start = position;
            int end = position;
            boolean complete = false;
            while (end < limit) {
                byte b = buffer[end++];
                if (b == 0) {
                    binary = true;
                } else if (b == '\n') {
                    complete = true;
                    break;
                }
            }
            append(start, end);
            position = end;
            if (complete || total > CompareEngine.TEXT_LIMIT) {
                return true; // too long to be text: the caller stops at binary()
            }
        }
    }

    private void append(int start, int end) {
        int count = end - start;
        total += count;
        if (total > CompareEngine.TEXT_LIMIT) {
            binary = true;
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, start, line, length, count);
        length += count;
    }

    /** Whether the content read so far is binary: a NUL byte, or more than the text limit. */
    boolean binary() {
        return binary;
    }

    /** The current line without its terminator, decoded as UTF-8. */
    String text() {
        int end = length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
        }
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    /** Whether the current line equals the other reader's, terminators included. */
    boolean sameLine(LineReader other) {
        return Arrays.equals(line, 0, length, other.line, 0, other.length);
    }
}
