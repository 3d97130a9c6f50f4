package org.airgap.client.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.junit.jupiter.api.Test;

/**
 * The Compare part's jobs: answers reach the part on the UI thread (here: this test's thread, which runs
 * what was posted to it), only while they are still wanted, and a cancelled job says so.
 */
class CompareSessionTest {

    /** What the session posts "to the UI thread", run by the test when it chooses. */
    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final CompareSession session = new CompareSession(new UISynchronize() {
        @Override
        public void syncExec(Runnable runnable) {
            throw new UnsupportedOperationException("the session never waits for the UI thread");
        }

        @Override
        public void asyncExec(Runnable runnable) {
            uiQueue.add(runnable);
        }

        @Override
        protected boolean isUIThread(Thread thread) {
            return false;
        }

        @Override
        protected void showBusyWhile(Runnable runnable) {
            runnable.run();
        }

        @Override
        protected boolean dispatchEvents() {
            return false;
        }
    });
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private CompareSession.DiffListener listener(String file) {
        return new CompareSession.DiffListener() {
            @Override
            public void read(Runnable show) {
                show.run();
            }

            @Override
            public void failed(Exception e) {
                heard.add(file + " failed: " + e.getMessage());
            }

            @Override
            public void cancelled() {
                heard.add(file + " cancelled");
            }
        };
    }

    /** Waits in a reader (which may only throw IOException) until the test releases it. */
    private static void await(CountDownLatch latch) throws InterruptedIOException {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new InterruptedIOException("the test did not release the reader");
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Runs the next {@code count} posts to the UI thread, waiting for each. */
    private void runOnUi(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            Runnable next = uiQueue.poll(20, TimeUnit.SECONDS);
            assertNotNull(next, "the session posted nothing to the UI thread");
            next.run();
        }
    }

    @Test
    void aFileReadReachesThePartOnTheUiThread() throws Exception {
        int request = session.diff("a.txt", () -> () -> heard.add("a.txt shown"), listener("a.txt"));
        runOnUi(1);
        assertEquals(List.of("a.txt shown"), heard);
        assertFalse(session.stillReading(request), "shown");
    }

    @Test
    void aReadThatFailsSaysWhy() throws Exception {
        session.diff("a.txt", () -> {
            throw new java.io.IOException("blob missing");
        }, listener("a.txt"));
        runOnUi(1);
        assertEquals(List.of("a.txt failed: blob missing"), heard);
    }

    @Test
    void theAnswerForAFileNoLongerSelectedIsDropped() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int first = session.diff("slow.txt", () -> {
            reading.countDown();
            await(release);
            return () -> heard.add("slow.txt shown");
        }, listener("slow.txt"));
        assertTrue(reading.await(20, TimeUnit.SECONDS));
        assertTrue(session.stillReading(first));
        int second = session.diff("fast.txt", () -> () -> heard.add("fast.txt shown"), listener("fast.txt"));
        assertFalse(session.stillReading(first), "another file is wanted now");
        release.countDown();
        runOnUi(2); // both jobs answer; only the second is still wanted
        assertEquals(List.of("fast.txt shown"), heard);

        CountDownLatch folderRelease = new CountDownLatch(1);
        int third = session.diff("again.txt", () -> {
            await(folderRelease);
            return () -> heard.add("again.txt shown");
        }, listener("again.txt"));
        session.forgetDiff(); // a folder was selected
        folderRelease.countDown();
        runOnUi(1);
        assertEquals(List.of("fast.txt shown"), heard);
        assertFalse(session.stillReading(second) || session.stillReading(third));
    }

    @Test
    void cancellingAFileNotReadYetSaysSo() throws Exception {
        withJobsHeldBack(() -> {
            int request = session.diff("a.txt", () -> () -> heard.add("a.txt shown"), listener("a.txt"));
            assertTrue(session.stillReading(request));
            session.cancel();
        });
        runOnUi(1);
        assertEquals(List.of("a.txt cancelled"), heard);
    }

    @Test
    void cancellingACompareNotStartedYetSaysSo() throws Exception {
        withJobsHeldBack(() -> {
            session.load(null, null, "run-1", CompareBasis.SERVER, new CompareSession.LoadListener() {
                @Override
                public void progress(double fraction, String text) {
                    heard.add("progress");
                }

                @Override
                public void loaded(CompareLoad result) {
                    heard.add("loaded");
                }

                @Override
                public void failed(String message) {
                    heard.add(message);
                }
            });
            session.cancel();
        });
        runOnUi(1);
        assertEquals(List.of("Cancelled: open the compare again to see it."), heard);
    }

    @Test
    void closingThePartDropsWhatIsOnItsWay() throws Exception {
        withJobsHeldBack(() -> {
            session.diff("a.txt", () -> () -> heard.add("a.txt shown"), listener("a.txt"));
            session.dispose();
        });
        runOnUi(1); // the cancelled job's notice, no longer wanted
        assertEquals(List.of(), heard);
        assertNull(uiQueue.poll(200, TimeUnit.MILLISECONDS));
    }

    /** Runs {@code action} while the job manager starts no job, so that the jobs it schedules are found not started. */
    private static void withJobsHeldBack(Runnable action) {
        Job.getJobManager().suspend();
        try {
            action.run();
        } finally {
            Job.getJobManager().resume();
        }
    }
}
