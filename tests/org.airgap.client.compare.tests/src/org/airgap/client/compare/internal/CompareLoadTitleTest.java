package org.airgap.client.compare.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Folder;
import org.airgap.model.IdentityCheck;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare view's title says what the run's identity check found. */
class CompareLoadTitleTest {

    @TempDir
    Path temp;

    @Test
    void theTitleNamesADifferentDevice() throws Exception {
        try (Workspace workspace = Workspace.open(temp)) {
            workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                    List.of(new Component("plc", "PLC", "hall", "modbus-tcp", Map.of())),
                    List.of(new Job("job-plc", "plc", "Press PLC", Map.of(), JobOptions.defaults())), List.of()),
                    "tech1");
            Run started = workspace.startRun("job-plc", "tech1");
            DeviceIdentity before = new DeviceIdentity("Airgap", "MB-1", "V1", null);
            DeviceIdentity found = new DeviceIdentity("Airgap", "MB-9", "V1", null);
            Run run = workspace.finishRun(new Run(started.id(), started.jobId(), started.start(), Instant.now()
                    .isBefore(started.start()) ? started.start() : Instant.now(), 1, RunOutcome.FAILED, found, null,
                    CompareResult.ERROR, CompareResult.ERROR, List.of(), IdentityCheck.of(before, found,
                            "the previous backup")), "tech1");

            CompareLoad load = CompareLoad.load(workspace, null, run.id(), CompareBasis.SERVER,
                    new NullProgressMonitor());

            assertTrue(load.title().endsWith("(failed, different device)"), load.title());
        }
    }
}
