package org.airgap.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParallelTransferTest {

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** Records progress calls and fails the test when one comes from another thread than the caller's. */
    private static final class CallerOnlyProgress implements DriverProgress {
        final Thread caller = Thread.currentThread();
        final List<String> calls = new ArrayList<>();
        volatile boolean cancelled;
        int cancelAfter = Integer.MAX_VALUE;
        Pacing pacing = Pacing.NONE;

        private void record(String call) {
            assertEquals(caller, Thread.currentThread(), call);
            calls.add(call);
            if (calls.size() >= cancelAfter) {
                cancelled = true;
            }
        }

        @Override
        public void begin(long totalWork, String unit) {
            record("begin");
        }

        @Override
        public void worked(long work, String currentItem) {
            record("worked " + currentItem);
        }

        @Override
        public void log(String message) {
            record("log " + message);
        }

        @Override
        public boolean isCancelled() {
            assertEquals(caller, Thread.currentThread());
            return cancelled;
        }

        @Override
        public Pacing pacing() {
            assertEquals(caller, Thread.currentThread());
            return pacing;
        }
    }

    /** Lanes that square numbers, report each item and record what they were asked. */
    private static class Squares implements ParallelTransfer.Lanes<Integer, Integer> {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final List<Integer> received = new ArrayList<>();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger aborted = new AtomicInteger();

        @Override
        public ParallelTransfer.Lane<Integer, Integer> open(int number, DriverProgress progress)
                throws DeviceProblemException {
            opened.incrementAndGet();
            return new ParallelTransfer.Lane<>() {
                @Override
                public Integer transfer(Integer item, DriverProgress laneProgress) throws DeviceProblemException {
                    threads.add(Thread.currentThread().getName());
                    sleep(1); // as a device takes its time: every lane gets items
                    laneProgress.worked(1, "item " + item);
                    return square(item, laneProgress);
                }

                @Override
                public void abort() {
                    aborted.incrementAndGet();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }

        Integer square(Integer item, DriverProgress laneProgress) throws DeviceProblemException {
            return item * item;
        }

        @Override
        public void receive(Integer item, Integer result) {
            assertEquals(item * item, result);
            received.add(item);
        }
    }

    @Test
    void everyItemIsTransferredOnceAndProgressStaysOnTheCallingThread() throws Exception {
        CallerOnlyProgress progress = new CallerOnlyProgress();
        Squares lanes = new Squares();
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        assertTrue(new ParallelTransfer<Integer, Integer>("squares", 4, STOP_WAIT).run(items, lanes, progress));
        assertEquals(items, lanes.received.stream().sorted().toList());
        assertEquals(200, progress.calls.size());
        assertEquals(4, lanes.closed.get());
        assertEquals(Set.of("squares #1", "squares #2", "squares #3", "squares #4"), lanes.threads);
    }

    @Test
    void neverMoreLanesThanItemsAndALaneMayBeLeftOut() throws Exception {
        CallerOnlyProgress progress = new CallerOnlyProgress();
        CountDownLatch laneTwoAsked = new CountDownLatch(1);
        Squares lanes = new Squares() {
            @Override
            public ParallelTransfer.Lane<Integer, Integer> open(int number, DriverProgress laneProgress)
                    throws DeviceProblemException {
                if (number == 2) {
                    laneProgress.log("lane 2 refused");
                    laneTwoAsked.countDown();
                    return null;
                }
                if (number == 1) {
                    // A lane is only asked to open while items are left: lane 1 waits, so that lane 2 is asked
                    // (on a busy machine lane 1 could otherwise take all three items before lane 2's thread runs).
                    await(laneTwoAsked);
                }
                return super.open(number, laneProgress);
            }
        };
        assertTrue(new ParallelTransfer<Integer, Integer>("few", 8, STOP_WAIT).run(List.of(1, 2, 3), lanes, progress));
        assertEquals(List.of(1, 2, 3), lanes.received.stream().sorted().toList());
        assertTrue(progress.calls.contains("log lane 2 refused"), progress.calls.toString());
        assertFalse(lanes.threads.contains("few #4"));
        // Lane 3 opens only if items are left when its thread starts (lane 1 may have taken all three): at most
        // lanes 1 and 3 open, and each lane opened is closed.
        assertTrue(lanes.opened.get() >= 1 && lanes.opened.get() <= 2, "opened " + lanes.opened.get());
        assertEquals(lanes.opened.get(), lanes.closed.get());
    }

    @Test
    void cancellingStopsSoonAndAbortsTheLanes() throws Exception {
        CallerOnlyProgress progress = new CallerOnlyProgress();
        progress.cancelAfter = 10;
        Squares lanes = new Squares();
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        assertFalse(new ParallelTransfer<Integer, Integer>("cancel", 2, STOP_WAIT).run(items, lanes, progress));
        assertTrue(lanes.received.size() < 20, lanes.received.size() + " received after cancelling");
        assertEquals(2, lanes.aborted.get());
        assertEquals(2, lanes.closed.get());
    }

    @Test
    void theFirstFailureStopsEveryLaneAndIsThrown() {
        CallerOnlyProgress progress = new CallerOnlyProgress();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch sixStarted = new CountDownLatch(1);
        Squares lanes = new Squares() {
            @Override
            Integer square(Integer item, DriverProgress laneProgress) throws DeviceProblemException {
                if (item == 5) {
                    await(sixStarted);
                    throw new DeviceProblemException(ProblemKind.PARTIAL, "item 5 broke");
                }
                if (item == 6) {
                    sixStarted.countDown();
                    // blocked as on a silent socket, until the stop
                    while (!laneProgress.isCancelled()) {
                        Thread.onSpinWait();
                    }
                    blocked.countDown();
                    throw new DeviceProblemException(ProblemKind.CANCELLED, "stopped");
                }
                return super.square(item, laneProgress);
            }
        };
        DeviceProblemException thrown = assertThrows(DeviceProblemException.class,
                () -> new ParallelTransfer<Integer, Integer>("fail", 2, STOP_WAIT)
                        .run(List.of(5, 6, 7, 8, 9), lanes, progress));
        assertEquals(new DeviceProblem(ProblemKind.PARTIAL, "item 5 broke"), thrown.problem());
        assertEquals(0, blocked.getCount());
        assertFalse(lanes.received.contains(9));
    }

    @Test
    void lanesShareTheDriversPacingWhoseWaitsEndAtAStop() {
        CallerOnlyProgress progress = new CallerOnlyProgress();
        progress.pacing = Pacing.of(Duration.ofSeconds(60), 0, () -> false);
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        List<String> pacingEnded = new ArrayList<>();
        Squares lanes = new Squares() {
            @Override
            Integer square(Integer item, DriverProgress laneProgress) throws DeviceProblemException {
                assertEquals(Duration.ofSeconds(60), laneProgress.pacing().pauseBetweenRequests());
                try {
                    if (item == 1) {
                        laneProgress.pacing().beforeRequest();
                        firstSent.countDown();
                        await(secondWaiting);
                        throw new DeviceProblemException(ProblemKind.PARTIAL, "item 1 broke");
                    }
                    await(firstSent);
                    secondWaiting.countDown();
                    laneProgress.pacing().beforeRequest(); // 60 s after the other lane's request, unless stopped
                } catch (java.io.InterruptedIOException e) {
                    pacingEnded.add(e.getMessage());
                    throw new DeviceProblemException(ProblemKind.CANCELLED, "stopped");
                }
                return super.square(item, laneProgress);
            }
        };
        DeviceProblemException thrown = assertThrows(DeviceProblemException.class,
                () -> new ParallelTransfer<Integer, Integer>("paced", 2, STOP_WAIT).run(List.of(1, 2), lanes,
                        progress));
        assertEquals("item 1 broke", thrown.problem().message());
        // The stop ended the wait before run returned: it waits for its lanes (up to STOP_WAIT, not 60 s).
        assertEquals(List.of("cancelled while pausing for a fragile device (gentle mode)"), pacingEnded);
    }

    @Test
    void aResultLeftAfterAStopIsDiscarded() {
        CallerOnlyProgress progress = new CallerOnlyProgress();
        List<Integer> discarded = new ArrayList<>();
        CountDownLatch receiving = new CountDownLatch(1);
        CountDownLatch threeDone = new CountDownLatch(1);
        Squares lanes = new Squares() {
            @Override
            Integer square(Integer item, DriverProgress laneProgress) throws DeviceProblemException {
                if (item == 3) {
                    await(receiving);
                    threeDone.countDown();
                }
                return super.square(item, laneProgress);
            }

            @Override
            public void receive(Integer item, Integer result) {
                receiving.countDown();
                await(threeDone);
                sleep(200); // the result of 3 is queued now
                throw new IllegalStateException("cannot write " + item);
            }

            @Override
            public void discard(Integer item, Integer result) {
                discarded.add(item);
            }
        };
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> new ParallelTransfer<Integer, Integer>("discard", 2, STOP_WAIT).run(List.of(2, 3), lanes,
                        progress));
        assertEquals("cannot write 2", crash.getMessage());
        assertEquals(List.of(3), discarded);
    }

    @Test
    void whatALaneThrowsUnexpectedlyIsThrownOnTheCallingThread() {
        Squares lanes = new Squares() {
            @Override
            Integer square(Integer item, DriverProgress laneProgress) {
                throw new IllegalStateException("bug in lane");
            }
        };
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> new ParallelTransfer<Integer, Integer>("crash", 3, STOP_WAIT).run(List.of(1, 2, 3), lanes,
                        new CallerOnlyProgress()));
        assertEquals("bug in lane", crash.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
