package org.airgap.driver.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Transfers a driver's items (files, register ranges) over several connections at once, each on its own
 * thread (a "lane"), while only the thread that called the driver talks to its {@link DriverProgress}:
 * a lane's progress reports are handed to the calling thread, one at a time per lane (a lane's next report
 * waits until its last one was passed on), so progress stays current and a lane soon pauses while the
 * technician's progress runs. The calling thread receives each item's result, watches for cancellation
 * and stops every lane at the first failure.
 *
 * <p>At most two results per lane wait for the calling thread (then the lanes pause), which bounds what
 * finished items may hold (memory, temporary files) and keeps a cancellation prompt when the calling
 * thread gets little CPU. Stopping (cancel or failure) {@linkplain Lane#abort aborts} every lane, so that
 * a transfer blocked on a socket returns at once, and waits a bounded time for the lanes to end.
 *
 * @param <I> an item to transfer
 * @param <R> what a lane hands back for an item, received on the calling thread
 * @since 0.2
 */
public final class ParallelTransfer<I, R> {

    /** The driver's side of a parallel transfer: opens the lanes and receives the results. */
    @ConsumerType
    public interface Lanes<I, R> {

        /**
         * On the new lane's thread: opens lane {@code number} (from 1; lane 1 is usually the connection the
         * driver opened already, and is opened even when the transfer stops at once, so that its
         * {@link Lane#close()} ends that connection), or returns {@code null} to go on with fewer lanes (say
         * why on {@code progress}: devices often allow only a few connections).
         *
         * @param progress the lane's progress (see {@link Lane#transfer})
         * @throws DeviceProblemException to stop the whole transfer
         */
        Lane<I, R> open(int number, DriverProgress progress) throws DeviceProblemException;

        /**
         * On the calling thread, one at a time, in the order items finish: takes an item's result (for
         * example adds it to the snapshot).
         *
         * @throws DeviceProblemException to stop the whole transfer
         */
        void receive(I item, R result) throws DeviceProblemException;

        /** On the calling thread: a result that will not be received because the transfer stopped; free it. */
        default void discard(I item, R result) {
        }
    }

    /** One connection and the thread that transfers items over it. */
    @ConsumerType
    public interface Lane<I, R> {

        /**
         * On the lane's thread: transfers one item.
         *
         * @param progress reports are passed on by the calling thread (a report returns once the lane's
         *                 previous one was);
         *                 {@link DriverProgress#isCancelled()} turns true when the transfer stops, for
         *                 cancellation or another lane's failure
         * @throws DeviceProblemException stops every lane; the first one is what {@link ParallelTransfer#run} throws
         */
        R transfer(I item, DriverProgress progress) throws DeviceProblemException;

        /** From the calling thread, while {@link #transfer} may be blocked: make it return soon (close sockets). */
        void abort();

        /** On the lane's thread once it has no more items, or after a stop: release the connection. */
        void close();
    }

    private final String threadName;
    private final int laneCount;
    private final Duration stopWait;

    /**
     * @param threadName names the lanes' threads ("Modbus TCP 10.0.0.7:502" gives "… #1", "… #2")
     * @param laneCount  how many lanes to open at most
     * @param stopWait   how long a stop waits for the lanes to end (then they are left to end on their own)
     */
    public ParallelTransfer(String threadName, int laneCount, Duration stopWait) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("at least one lane, not " + laneCount);
        }
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.laneCount = laneCount;
        this.stopWait = Objects.requireNonNull(stopWait, "stopWait");
    }

    /**
     * Transfers every item, each exactly once, on at most {@code laneCount} lanes (never more than items).
     *
     * @return {@code true} when every result was received, {@code false} when the technician cancelled (or
     *         the calling thread was interrupted) first
     * @throws DeviceProblemException the first failure of a lane or of {@link Lanes#receive}
     * @throws RuntimeException       what a lane threw unexpectedly, on the calling thread
     */
    public boolean run(List<I> items, Lanes<I, R> lanes, DriverProgress progress) throws DeviceProblemException {
        return new Run(List.copyOf(items), lanes, progress).execute();
    }

    private sealed interface Event {
    }

    /** A lane's progress call, made on the calling thread, which then releases {@code delivered}. */
    private record Report(Semaphore delivered, Consumer<DriverProgress> call) implements Event {
    }

    private record Result<I, R>(I item, R value) implements Event {
    }

    private record Failed(DeviceProblemException problem) implements Event {
    }

    private record Crashed(Throwable error) implements Event {
    }

    private record Ended() implements Event {
    }

    /** The state of one {@link #run}. */
    private final class Run {

        private final List<I> items;
        private final Lanes<I, R> lanes;
        private final DriverProgress progress;
        /** The driver's pacing, shared by the lanes, whose waits end when the transfer stops. */
        private final Pacing pacing;
        private final AtomicInteger next = new AtomicInteger();
        private final Semaphore unreceived;
        private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final List<Lane<I, R>> open = new ArrayList<>();
        private volatile boolean stopped;
        private DeviceProblemException failure;
        private Throwable crash;

        Run(List<I> items, Lanes<I, R> lanes, DriverProgress progress) {
            this.items = items;
            this.lanes = lanes;
            this.progress = progress;
            this.pacing = progress.pacing().cancelledBy(() -> stopped);
            this.unreceived = new Semaphore(2 * laneCount);
        }

        boolean execute() throws DeviceProblemException {
            int threads = Math.max(1, Math.min(laneCount, items.size()));
            for (int i = 1; i <= threads; i++) {
                int number = i;
                Thread.ofPlatform().daemon().name(threadName + " #" + number).start(() -> work(number));
            }
            boolean cancelled = false;
            int running = threads;
            int received = 0;
            long stopDeadline = Long.MAX_VALUE;
            try {
                while (running > 0 && System.nanoTime() < stopDeadline) {
                    Event event = events.poll(100, TimeUnit.MILLISECONDS);
                    if (event instanceof Ended) {
                        running--;
                    } else if (event != null) {
                        received += handle(event);
                    }
                    if (!stopped && progress.isCancelled()) {
                        cancelled = true;
                    }
                    if (cancelled || failure != null || crash != null) {
                        stop();
                        if (stopDeadline == Long.MAX_VALUE) {
                            stopDeadline = System.nanoTime() + stopWait.toNanos();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            } finally {
                stop();
                for (Event left; (left = events.poll()) != null;) {
                    handle(left);
                }
            }
            if (crash instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (crash instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new DeviceProblemException(failure.problem().kind(), failure.problem().message(), failure);
            }
            if (!cancelled && received < items.size()) {
                throw new IllegalStateException("no lane was opened for " + (items.size() - received) + " items");
            }
            return !cancelled;
        }

        /** Passes one event on; how many results it received. */
        private int handle(Event event) {
            switch (event) {
                case Report report -> {
                    if (!stopped) {
                        report.call().accept(progress);
                    }
                    report.delivered().release();
                }
                case Result<?, ?> result -> {
                    @SuppressWarnings("unchecked")
                    Result<I, R> typed = (Result<I, R>) result;
                    try {
                        if (stopped) {
                            lanes.discard(typed.item(), typed.value());
                            return 0;
                        }
                        lanes.receive(typed.item(), typed.value());
                        return 1;
                    } catch (DeviceProblemException e) {
                        failure = e;
                        stop();
                    } catch (RuntimeException | Error e) {
                        crash = e;
                        stop();
                    } finally {
                        unreceived.release();
                    }
                }
                case Failed failed -> {
                    if (!stopped) {
                        failure = failed.problem(); // later ones are mostly the stop's own consequences
                    }
                }
                case Crashed crashed -> {
                    if (!stopped) {
                        crash = crashed.error();
                    }
                }
                case Ended ended -> {
                    // counted by the caller
                }
            }
            return 0;
        }

        /** Stops the lanes: no new item, and transfers blocked on the device are aborted. */
        private void stop() {
            synchronized (open) {
                if (stopped) {
                    return;
                }
                stopped = true;
                open.forEach(Lane::abort);
            }
        }

        /** A lane's thread: opens its lane, then transfers items until none is left or the transfer stops. */
        private void work(int number) {
            LaneProgress laneProgress = new LaneProgress();
            Lane<I, R> lane = null;
            try {
                // Lane 1 is always opened: it usually holds the driver's open connection, which its close() ends.
                if (number > 1 && (stopped || next.get() >= items.size())) {
                    return;
                }
                lane = lanes.open(number, laneProgress);
                if (lane == null) {
                    return;
                }
                synchronized (open) {
                    open.add(lane);
                    if (stopped) {
                        lane.abort();
                        return;
                    }
                }
                while (!stopped) {
                    if (!unreceived.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    int index = next.getAndIncrement();
                    if (index >= items.size()) {
                        unreceived.release();
                        return;
                    }
                    I item = items.get(index);
                    R value;
                    try {
                        value = lane.transfer(item, laneProgress);
                    } catch (DeviceProblemException | RuntimeException | Error e) {
                        unreceived.release();
                        throw e;
                    }
                    events.add(new Result<>(item, value));
                }
            } catch (DeviceProblemException e) {
                events.add(new Failed(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                events.add(new Crashed(e));
            } finally {
                if (lane != null) {
                    synchronized (open) {
                        open.remove(lane);
                    }
                    lane.close();
                }
                events.add(new Ended());
            }
        }

        /** What a lane reports through: handed to the calling thread, cancelled once the transfer stops. */
        private final class LaneProgress implements DriverProgress {

            /** Taken by a report, released by the calling thread once it passed that report on. */
            final Semaphore delivered = new Semaphore(1);

            @Override
            public void begin(long totalWork, String unit) {
                report(target -> target.begin(totalWork, unit));
            }

            @Override
            public void worked(long work, String currentItem) {
                report(target -> target.worked(work, currentItem));
            }

            @Override
            public void log(String message) {
                report(target -> target.log(message));
            }

            @Override
            public boolean isCancelled() {
                return stopped;
            }

            @Override
            public Pacing pacing() {
                return pacing;
            }

            private void report(Consumer<DriverProgress> call) {
                try {
                    while (!delivered.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        if (stopped) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!stopped) {
                    events.add(new Report(delivered, call));
                }
            }
        }
    }
}
