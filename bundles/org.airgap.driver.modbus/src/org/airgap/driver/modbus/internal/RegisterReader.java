package org.airgap.driver.modbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ParallelTransfer;
import org.airgap.driver.api.ProblemKind;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;

/**
 * Reads all requests of a backup on {@code concurrency} connections, one request outstanding on each, with
 * a {@link ParallelTransfer} over the requests' indices: each connection's thread stores what it read, the
 * calling thread reports progress.
 */
final class RegisterReader implements ParallelTransfer.Lanes<Integer, RegisterReader.Read> {

    /**
     * One request: {@code part} of the configured {@code range} of {@code area}.
     */
    record Request(DataArea area, AddressRange range, AddressRange part) {
        String describe() {
            return area.label + " " + part;
        }
    }

    /** What was read: values per request (null where not read), and what went wrong. */
    record Outcome(int[][] values, List<DeviceProblem> problems, boolean cancelled) {
    }

    /**
     * What a connection did with one request.
     *
     * @param read    whether the values were read (else the range is not on the device)
     * @param missing the problem to report when this request found its range missing first, else {@code null}
     */
    record Read(boolean read, DeviceProblem missing) {
    }

    /** Exception codes of the Modbus specification, for messages. */
    private static final Map<Integer, String> EXCEPTION_NAMES = Map.of(1, "illegal function", 2,
            "illegal data address", 3, "illegal data value", 4, "server device failure", 5, "acknowledge", 6,
            "server device busy", 8, "memory parity error", 10, "gateway path unavailable", 11,
            "gateway target device failed to respond");

    private final ModbusSettings settings;
    private final List<Request> requests;
    private final int[][] values;
    /** Ranges the device said it does not have: their remaining requests are not sent. */
    private final Set<AddressRange> missingRanges = ConcurrentHashMap.newKeySet();
    private final List<DeviceProblem> problems = new ArrayList<>();
    private ModbusConnection first;
    private DriverProgress progress;

    RegisterReader(ModbusSettings settings, List<Request> requests) {
        this.settings = settings;
        this.requests = List.copyOf(requests);
        this.values = new int[requests.size()][];
    }

    /** The requests of a backup: every configured range cut into pieces the protocol allows. */
    static List<Request> plan(ModbusSettings settings) {
        List<Request> requests = new ArrayList<>();
        settings.ranges().forEach((area, ranges) -> {
            for (AddressRange range : ranges) {
                for (AddressRange part : range.split(area.maxPerRequest)) {
                    requests.add(new Request(area, range, part));
                }
            }
        });
        return requests;
    }

    /**
     * Reads every request. {@code first} is open already (it proved the device reachable); further
     * connections are opened by their threads, and a device that refuses them is read on fewer.
     */
    Outcome read(ModbusConnection first, DriverProgress progress) {
        this.first = first;
        this.progress = progress;
        boolean cancelled = false;
        try {
            // A stop closes the connections: the threads end within moments, a timeout at worst.
            cancelled = !new ParallelTransfer<Integer, Read>("Modbus TCP " + settings.endpoint(),
                    settings.concurrency(), Duration.ofMillis(settings.timeoutMillis() + 5_000L))
                    .run(IntStream.range(0, requests.size()).boxed().toList(), this, progress);
        } catch (DeviceProblemException e) {
            problems.add(e.problem());
            progress.log(e.getMessage());
        }
        if (cancelled) {
            problems.add(new DeviceProblem(ProblemKind.CANCELLED, "cancelled after " + readCount() + " of "
                    + totalCount() + " registers and bits of " + settings.endpoint()));
        }
        return new Outcome(values, problems, cancelled);
    }

    @Override
    public ParallelTransfer.Lane<Integer, Read> open(int number, DriverProgress laneProgress) {
        if (number == 1) {
            return new Lane(first);
        }
        ModbusConnection connection = new ModbusConnection(settings);
        try {
            connection.connect();
        } catch (DeviceProblemException e) {
            // The first connection works: this device serves fewer clients; the others read on.
            laneProgress.log("connection " + number + " of " + settings.concurrency()
                    + " refused, reading on fewer connections (" + e.getMessage() + ")");
            return null;
        }
        return new Lane(connection);
    }

    @Override
    public void receive(Integer index, Read read) {
        Request request = requests.get(index);
        if (read.missing() != null) {
            problems.add(read.missing());
            progress.log(read.missing().message());
        }
        progress.worked(request.part().count(), read.read() ? request.describe() : "");
    }

    /** One connection reading requests. */
    private final class Lane implements ParallelTransfer.Lane<Integer, Read> {

        private final ModbusConnection connection;

        Lane(ModbusConnection connection) {
            this.connection = connection;
        }

        @Override
        public Read transfer(Integer index, DriverProgress laneProgress) throws DeviceProblemException {
            Request request = requests.get(index);
            if (missingRanges.contains(request.range())) {
                return new Read(false, null);
            }
            try {
                values[index] = readWithRetries(connection, request, laneProgress);
                return new Read(true, null);
            } catch (RangeNotOnDevice e) {
                boolean first = missingRanges.add(request.range());
                return new Read(false, first ? new DeviceProblem(ProblemKind.NOT_FOUND, e.getMessage()) : null);
            } catch (RuntimeException e) {
                throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.endpoint()
                        + ": unexpected error while reading: " + e, e);
            }
        }

        /** Aborts a request waiting for an answer by closing its connection. */
        @Override
        public void abort() {
            connection.close();
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** The device has no such data: a configuration problem of this range, not of the connection. */
    private static final class RangeNotOnDevice extends Exception {
        private static final long serialVersionUID = 1L;

        RangeNotOnDevice(String message) {
            super(message);
        }
    }

    private int[] readWithRetries(ModbusConnection connection, Request request, DriverProgress laneProgress)
            throws DeviceProblemException, RangeNotOnDevice {
        String lastError = null;
        // What the last attempt met: TIMEOUT (no answer), PROTOCOL_ERROR (busy) or PARTIAL (connection broke).
        ProblemKind lastKind = ProblemKind.PARTIAL;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            if (laneProgress.isCancelled()) {
                throw stopped();
            }
            try {
                connection.connect();
            } catch (DeviceProblemException e) {
                lastError = "reconnecting failed (" + connection.reason(e) + ")";
                lastKind = ProblemKind.PARTIAL;
                continue;
            }
            long started = System.nanoTime();
            try {
                return connection.read(request.area(), request.part().first(), request.part().count(),
                        laneProgress.pacing());
            } catch (ModbusSlaveException e) {
                int code = e.getType();
                String answer = "the device answered '" + EXCEPTION_NAMES.getOrDefault(code, "exception " + code)
                        + "'";
                if (code == 1 || code == 2) {
                    throw new RangeNotOnDevice(request.area().label + " " + request.range() + ": " + answer
                            + (request.part().equals(request.range()) ? "" : " (request " + request.part() + ")")
                            + ", unit " + settings.unitId() + ". Check the device's register map and the job's "
                            + request.area().ranges.name() + " ranges");
                }
                lastError = answer + " (exception code " + code + ")";
                lastKind = ProblemKind.PROTOCOL_ERROR;
                if (code != 5 && code != 6) { // only "acknowledge" and "busy" say: ask again later
                    throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.endpoint() + ", unit "
                            + settings.unitId() + ", " + request.describe() + ": " + lastError
                            + ". Check the unit id and the device's diagnostics");
                }
            } catch (ModbusException e) {
                if (laneProgress.isCancelled()) {
                    throw stopped();
                }
                // j2mod reports timeouts only in its message text: the elapsed time says it reliably.
                boolean timedOut = System.nanoTime() - started
                        >= TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis()) * 9 / 10;
                lastKind = timedOut ? ProblemKind.TIMEOUT : ProblemKind.PARTIAL;
                lastError = timedOut ? "no answer within " + settings.timeoutText() : brokenConnection(e);
                connection.close(); // a late answer must not be taken for the next request's
            }
        }
        int attempts = settings.retries() + 1;
        String where = settings.endpoint() + ", unit " + settings.unitId() + ", " + request.describe();
        String read = readCount() + " of " + totalCount() + " registers and bits read";
        if (lastKind == ProblemKind.TIMEOUT) {
            throw new DeviceProblemException(ProblemKind.TIMEOUT, where + ": " + lastError + " (" + attempts + " attempts; "
                    + read + "). Check the unit id, that the device is not overloaded, or give a longer timeout");
        }
        if (lastKind == ProblemKind.PROTOCOL_ERROR) {
            throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, where + ": " + lastError + " (" + attempts
                    + " attempts; " + read + "). Run the job again when the device is less busy");
        }
        throw new DeviceProblemException(ProblemKind.PARTIAL, where + ": connection lost, " + lastError + " (" + attempts
                + " attempts; " + read + "). The backup is incomplete: check the cable and that the device is on, "
                + "then run the job again");
    }

    /** j2mod's message for a broken connection, which carries the request in hex, in a technician's words. */
    private static String brokenConnection(ModbusException e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("end of stream")) {
            return "the device closed the connection";
        }
        if (text.contains("reset") || text.contains("Broken pipe") || text.contains("closed")) {
            return "the connection was reset";
        }
        return "reading failed: " + text;
    }

    private static void pause(int attempt) throws DeviceProblemException {
        try {
            Thread.sleep(Math.min(1000, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped();
        }
    }

    /** What a reading thread throws once the read stopped; not reported (the stop's reason is). */
    private static DeviceProblemException stopped() {
        return new DeviceProblemException(ProblemKind.CANCELLED, "stopped");
    }

    private long readCount() {
        long count = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                count += values[i].length;
            }
        }
        return count;
    }

    private long totalCount() {
        return requests.stream().mapToLong(r -> r.part().count()).sum();
    }
}
