package org.airgap.driver.s7.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ProblemKind;

/** Reads the configured ranges, one request per chunk, checking for a cancel between chunks. */
final class AreaReader {

    /**
     * Bytes per request: the answer (18 bytes of headers and item) fits the smallest PDU an S7 CPU
     * negotiates (240 bytes).
     */
    static final int CHUNK = 200;

    private final S7Link link;
    private final DriverProgress progress;

    AreaReader(S7Link link, DriverProgress progress) {
        this.link = link;
        this.progress = progress;
    }

    /** The bytes of each range, in the given order. */
    Map<AreaRange, byte[]> read(List<AreaRange> ranges) throws DeviceProblemException {
        Map<AreaRange, byte[]> contents = new LinkedHashMap<>();
        for (AreaRange range : ranges) {
            byte[] bytes = new byte[range.length()];
            for (int done = 0; done < bytes.length; done += CHUNK) {
                if (progress.isCancelled()) {
                    throw new DeviceProblemException(ProblemKind.CANCELLED, "cancelled while reading " + range);
                }
                int count = Math.min(CHUNK, bytes.length - done);
                byte[] chunk = readChunk(range, range.start() + done, count);
                System.arraycopy(chunk, 0, bytes, done, count);
                progress.worked(count, range.area() + " bytes " + (range.start() + done) + "-"
                        + (range.start() + done + count - 1));
            }
            contents.put(range, bytes);
        }
        return contents;
    }

    private byte[] readChunk(AreaRange range, int offset, int count) throws DeviceProblemException {
        try {
            byte[] chunk = link.readBytes(range.area(), offset, count);
            if (chunk.length != count) {
                throw missing(range, offset, count, "the PLC sent " + chunk.length + " bytes");
            }
            return chunk;
        } catch (DeviceProblemException e) {
            // A PLC answers a read of a missing block or beyond its end with an error item; PLC4X 0.13.1
            // cannot parse the one snap7 sends and lets the read time out. If the PLC answers other
            // requests, the read failed because of what it asked for.
            if (e.problem().kind() == ProblemKind.NOT_FOUND) {
                throw missing(range, offset, count, e.getMessage());
            }
            if (e.problem().kind() == ProblemKind.TIMEOUT && link.answers()) {
                throw missing(range, offset, count, "the PLC answers other requests but not this one");
            }
            throw e;
        }
    }

    private static DeviceProblemException missing(AreaRange range, int offset, int count, String evidence) {
        String area = range.area();
        String what = range.kind() == AreaRange.Kind.DB
                ? "data block " + range.db() + " does not exist or is shorter than " + (offset + count) + " bytes"
                : area + " is shorter than " + (offset + count) + " bytes on this PLC";
        return new DeviceProblemException(ProblemKind.NOT_FOUND, area + " bytes " + offset + "-" + (offset + count - 1)
                + " cannot be read (" + range + "): " + what + " (" + evidence + "). Check the area's number and "
                + "length, and that the block is not optimized");
    }
}
