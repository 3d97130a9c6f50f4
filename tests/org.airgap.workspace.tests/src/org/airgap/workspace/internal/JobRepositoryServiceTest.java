package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.airgap.workspace.JobRepository;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceLockedException;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The repository as the workbench gets it: a DS service on the instance area's repository folder. */
class JobRepositoryServiceTest {

    @Test
    void declarativeServicesProvidesTheRepositoryInTheInstanceArea() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(JobRepositoryServiceTest.class).getBundleContext();
        ServiceTracker<JobRepository, JobRepository> tracker = new ServiceTracker<>(context, JobRepository.class, null);
        tracker.open();
        try {
            JobRepository repository = tracker.waitForService(20_000);
            assertNotNull(repository, "no JobRepository service within 20 s");
            Path instanceArea = Path.of(URI.create(context.getProperty("osgi.instance.area").replace(" ", "%20")));
            assertEquals(instanceArea.resolve("repository").toAbsolutePath().normalize(), repository.location());
            assertTrue(Files.isDirectory(repository.location().resolve("store")));
            IOException noJob = assertThrows(IOException.class, () -> repository.startRun("job-plc-7", "tech1"));
            assertTrue(noJob.getMessage().contains("sync with the server"), noJob.getMessage());
            // The service holds the workspace: a second opener is told who has it.
            WorkspaceLockedException locked = assertThrows(WorkspaceLockedException.class,
                    () -> Workspace.open(repository.location()));
            assertTrue(locked.getMessage().contains("PID " + ProcessHandle.current().pid()), locked.getMessage());
        } finally {
            tracker.close();
        }
    }
}
