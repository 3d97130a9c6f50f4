package org.airgap.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.airgap.client.ui.ThrottledProgress;
import org.airgap.client.ui.ThrottledProgress.Progress;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

/** The progress wrapper the Compare and Uploads views share: what it reports, how often, what it passes on. */
class ThrottledProgressTest {

    private final List<Progress> reports = new ArrayList<>();
    private final NullProgressMonitor job = new NullProgressMonitor() {
        private double worked;

        @Override
        public void internalWorked(double work) {
            worked += work;
            jobWorked = worked;
        }
    };
    private double jobWorked;

    private ThrottledProgress monitor(Duration interval) {
        return new ThrottledProgress(job, interval, reports::add);
    }

    @Test
    void everyStepIsReportedWhenTheIntervalIsZero() {
        ThrottledProgress monitor = monitor(Duration.ZERO);
        monitor.beginTask("Comparing", 4);
        monitor.worked(1);
        monitor.subTask("config/project.cfg");
        monitor.internalWorked(2);
        assertEquals(List.of(new Progress("Comparing", null, 0), new Progress("Comparing", null, 0.25),
                new Progress("Comparing", "config/project.cfg", 0.25),
                new Progress("Comparing", "config/project.cfg", 0.75)), reports);
        assertEquals("config/project.cfg", reports.get(3).latest());
        assertEquals(3, jobWorked, 1e-9, "the job's own monitor gets the work too");
    }

    @Test
    void withinTheIntervalOnlyTaskChangesAreReported() {
        ThrottledProgress monitor = monitor(Duration.ofHours(1));
        monitor.beginTask("Pulling", 10);
        for (int i = 0; i < 5; i++) {
            monitor.worked(1);
            monitor.subTask("blob " + i);
        }
        monitor.setTaskName("Uploading");
        assertEquals(List.of(new Progress("Pulling", null, 0), new Progress("Uploading", null, 0.5)), reports);
        assertEquals("Uploading", reports.get(1).latest(), "a new task name clears the subtask");
    }

    @Test
    void theFractionStaysBetweenNoneAndAll() {
        ThrottledProgress monitor = monitor(Duration.ZERO);
        monitor.beginTask("Too much work", 2);
        monitor.worked(5);
        monitor.beginTask("Unknown amount", NullProgressMonitor.UNKNOWN);
        monitor.worked(5);
        monitor.subTask(" ");
        assertEquals(List.of(1.0, 0.0, 0.0, 0.0), reports.stream().skip(1).map(Progress::fraction).toList());
        assertEquals(null, reports.get(reports.size() - 1).subTask(), "a blank subtask is not one");
    }

    @Test
    void cancellingThroughTheWrapperCancelsTheJob() {
        ThrottledProgress monitor = monitor(ThrottledProgress.INTERVAL);
        monitor.setCanceled(true);
        assertTrue(job.isCanceled());
    }
}
