package org.airgap.driver.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ProblemKind;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;

/**
 * Reads all requests of a backup on {@code concurrency} connections, one request outstanding on each.
 * Reading threads take the next request from a shared counter; the calling thread reports progress and
 * watches for cancellation, so a {@link DriverProgress} is only ever called from the thread that called the
 * driver.
 */
final class RegisterReader {

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

    private sealed interface Event {
    }

    private record Done(int index) implements Event {
    }

    private record Skipped(int index) implements Event {
    }

    private record RangeMissing(DeviceProblem problem) implements Event {
    }

    private record Fatal(DeviceFailure failure) implements Event {
    }

    private record Note(String message) implements Event {
    }

    private record WorkerEnded() implements Event {
    }

    /** Exception codes of the Modbus specification, for messages. */
    private static final Map<Integer, String> EXCEPTION_NAMES = Map.of(1, "illegal function", 2,
            "illegal data address", 3, "illegal data value", 4, "server device failure", 5, "acknowledge", 6,
            "server device busy", 8, "memory parity error", 10, "gateway path unavailable", 11,
            "gateway target device failed to respond");

    private final ModbusSettings settings;
    private final List<Request> requests;
    private final int[][] values;
    private final AtomicInteger next = new AtomicInteger();
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /**
     * Requests a reader may start before the calling thread has reported the earlier ones: keeps progress
     * current and a cancel prompt even when the calling thread gets little CPU.
     */
    private Semaphore unreported = new Semaphore(1);
    /** Ranges the device said it does not have: their remaining requests are not sent. */
    private final Set<AddressRange> missingRanges = ConcurrentHashMap.newKeySet();
    private final List<ModbusConnection> connections = new ArrayList<>();
    private volatile boolean stop;

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
        int threads = Math.max(1, Math.min(settings.concurrency(), requests.size()));
        List<Thread> workers = new ArrayList<>();
        unreported = new Semaphore(2 * threads);
        for (int i = 0; i < threads; i++) {
            ModbusConnection connection = i == 0 ? first : new ModbusConnection(settings);
            synchronized (connections) {
                connections.add(connection);
            }
            int number = i + 1;
            Thread worker = new Thread(() -> work(connection, number, number == 1, progress),
                    "Modbus TCP " + settings.endpoint() + " #" + number);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        List<DeviceProblem> problems = new ArrayList<>();
        boolean cancelled = false;
        int running = threads;
        try {
            while (running > 0) {
                Event event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event == null) {
                    // nothing finished: a request may hang until its timeout; still notice a cancel
                } else if (event instanceof Done done) {
                    Request request = requests.get(done.index());
                    progress.worked(request.part().count(), request.describe());
                    unreported.release();
                } else if (event instanceof Skipped skipped) {
                    progress.worked(requests.get(skipped.index()).part().count(), "");
                    unreported.release();
                } else if (event instanceof RangeMissing missing) {
                    problems.add(missing.problem());
                    progress.log(missing.problem().message());
                } else if (event instanceof Fatal fatal) {
                    if (!stop) {
                        problems.add(fatal.failure().problem());
                        progress.log(fatal.failure().getMessage());
                        stopAll();
                    }
                } else if (event instanceof Note note) {
                    progress.log(note.message());
                } else if (event instanceof WorkerEnded) {
                    running--;
                }
                if (!stop && progress.isCancelled()) {
                    cancelled = true;
                    stopAll();
                }
            }
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
            cancelled = true;
        }
        if (cancelled) {
            problems.add(new DeviceProblem(ProblemKind.CANCELLED, "cancelled after " + readCount() + " of "
                    + totalCount() + " registers and bits of " + settings.endpoint()));
        }
        return new Outcome(values, problems, cancelled);
    }

    /** Stops the readers: no new request, and requests waiting for an answer are aborted by closing. */
    private void stopAll() {
        stop = true;
        synchronized (connections) {
            connections.forEach(ModbusConnection::close);
        }
    }

    private void work(ModbusConnection connection, int number, boolean connected, DriverProgress progress) {
        try {
            if (!connected) {
                try {
                    connection.connect();
                } catch (DeviceFailure e) {
                    // The first connection works: this device serves fewer clients; the others read on.
                    events.add(new Note("connection " + number + " of " + settings.concurrency()
                            + " refused, reading on fewer connections (" + e.getMessage() + ")"));
                    return;
                }
            }
            while (!stop && !progress.isCancelled()) {
                if (!unreported.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int index = next.getAndIncrement();
                if (index >= requests.size()) {
                    return;
                }
                Request request = requests.get(index);
                if (missingRanges.contains(request.range())) {
                    events.add(new Skipped(index));
                    continue;
                }
                try {
                    values[index] = readWithRetries(connection, request);
                    events.add(new Done(index));
                } catch (RangeNotOnDevice e) {
                    if (missingRanges.add(request.range())) {
                        events.add(new RangeMissing(new DeviceProblem(ProblemKind.NOT_FOUND, e.getMessage())));
                    }
                    events.add(new Skipped(index));
                } catch (DeviceFailure e) {
                    events.add(new Fatal(e));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            events.add(new Fatal(new DeviceFailure(ProblemKind.PROTOCOL_ERROR, settings.endpoint()
                    + ": unexpected error while reading: " + e)));
        } finally {
            connection.close();
            events.add(new WorkerEnded());
        }
    }

    /** The device has no such data: a configuration problem of this range, not of the connection. */
    private static final class RangeNotOnDevice extends Exception {
        private static final long serialVersionUID = 1L;

        RangeNotOnDevice(String message) {
            super(message);
        }
    }

    private int[] readWithRetries(ModbusConnection connection, Request request)
            throws DeviceFailure, RangeNotOnDevice {
        String lastError = null;
        // What the last attempt met: TIMEOUT (no answer), PROTOCOL_ERROR (busy) or PARTIAL (connection broke).
        ProblemKind lastKind = ProblemKind.PARTIAL;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            if (stop) {
                throw new DeviceFailure(ProblemKind.CANCELLED, "stopped");
            }
            try {
                connection.connect();
            } catch (DeviceFailure e) {
                lastError = "reconnecting failed (" + e.reason + ")";
                lastKind = ProblemKind.PARTIAL;
                continue;
            }
            long started = System.nanoTime();
            try {
                return connection.read(request.area(), request.part().first(), request.part().count());
            } catch (ModbusSlaveException e) {
                int code = e.getType();
                String answer = "the device answered '" + EXCEPTION_NAMES.getOrDefault(code, "exception " + code)
                        + "'";
                if (code == 1 || code == 2) {
                    throw new RangeNotOnDevice(request.area().label + " " + request.range() + ": " + answer
                            + (request.part().equals(request.range()) ? "" : " (request " + request.part() + ")")
                            + ", unit " + settings.unitId() + ". Check the device's register map and the job's "
                            + request.area().parameter + " ranges");
                }
                lastError = answer + " (exception code " + code + ")";
                lastKind = ProblemKind.PROTOCOL_ERROR;
                if (code != 5 && code != 6) { // only "acknowledge" and "busy" say: ask again later
                    throw new DeviceFailure(ProblemKind.PROTOCOL_ERROR, settings.endpoint() + ", unit "
                            + settings.unitId() + ", " + request.describe() + ": " + lastError
                            + ". Check the unit id and the device's diagnostics");
                }
            } catch (ModbusException e) {
                if (stop) {
                    throw new DeviceFailure(ProblemKind.CANCELLED, "stopped");
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
            throw new DeviceFailure(ProblemKind.TIMEOUT, where + ": " + lastError + " (" + attempts + " attempts; "
                    + read + "). Check the unit id, that the device is not overloaded, or give a longer timeout");
        }
        if (lastKind == ProblemKind.PROTOCOL_ERROR) {
            throw new DeviceFailure(ProblemKind.PROTOCOL_ERROR, where + ": " + lastError + " (" + attempts
                    + " attempts; " + read + "). Run the job again when the device is less busy");
        }
        throw new DeviceFailure(ProblemKind.PARTIAL, where + ": connection lost, " + lastError + " (" + attempts
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

    private void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
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
