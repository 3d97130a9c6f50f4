package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT;
import static org.airgap.server.http.internal.Fixture.ROBOT_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.Api;
import org.airgap.protocol.OverviewStatus;
import org.airgap.protocol.UploadPlan;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.Test;

/** {@code GET /api/admin/overview} on the real server, after an upload and with one still pending. */
class AdminOverviewTest extends ServerTestBase {

    @Test
    void theOverviewRollsUpStatusesAndNamesThePendingUploads() throws Exception {
        String alice = server.login(ALICE);
        Backup press = Backup.of(Fixture.files("config.ini", "speed=12\n"));
        client.post(Api.UPLOADS, alice, press.upload("run-1", PRESS_JOB)).expect(200);
        client.put(Api.BLOBS + Fixture.sha256(press.files().get("config.ini")) + "?offset=0&size=9", alice,
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(press.files().get("config.ini"))).expect(200);
        client.postText(Api.UPLOADS + "/run-1" + Api.COMMIT_SUFFIX, alice, "").expect(200);
        String bob = server.login(BOB);
        Backup robot = Backup.of(Fixture.files("robot.prg", "MOVE\n"));
        assertEquals(1, client.post(Api.UPLOADS, bob, robot.upload("run-2", ROBOT_JOB)).expect(200)
                .as(UploadPlan.class).missing().size(), "planned, its blob never sent");

        AdminOverview overview = client.get(Api.ADMIN_OVERVIEW, admin).expect(200).as(AdminOverview.class);
        // The first upload has no version to compare with: Not available; the robot never ran: Not compared.
        assertEquals(List.of(new AdminOverview.Folder("plant", "Plant", null, OverviewStatus.NOT_COMPARED, 2)),
                overview.folders());
        assertEquals(List.of(PRESS + ":NOT_AVAILABLE", ROBOT + ":NOT_COMPARED"), overview.components().stream()
                .map(c -> c.id() + ":" + c.status()).toList());
        assertEquals(Map.of(OverviewStatus.NOT_AVAILABLE, 1, OverviewStatus.NOT_COMPARED, 1), overview.counts());
        assertEquals(List.of(ROBOT_JOB), overview.neverRun().stream().map(AdminOverview.Job::id).toList());
        assertEquals(List.of(), overview.failedLastRun());
        assertEquals(1, overview.pendingUploads().size());
        assertEquals(BOB, overview.pendingUploads().get(0).user());
        assertEquals(1, overview.pendingUploads().get(0).runs());

        assertEquals("administrators only: user alice is a technician",
                client.get(Api.ADMIN_OVERVIEW, alice).expect(403).error().error());
    }
}
