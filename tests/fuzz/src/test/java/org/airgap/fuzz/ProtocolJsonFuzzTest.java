package org.airgap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.AuditUpload;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.SessionInfo;
import org.airgap.protocol.UploadPlan;
import org.airgap.protocol.UploadRequest;
import org.airgap.protocol.UserInfo;

import com.google.gson.JsonParseException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Protocol messages (docs/server.md, "Sync protocol") as the server reads a laptop's requests and the
 * laptop reads a server's answers: the first byte picks the message type (a list of it when odd), the
 * rest is the body. ProtocolJson's contract: a message, or a JsonParseException naming the problem.
 */
class ProtocolJsonFuzzTest {

    private static final List<Class<?>> MESSAGES = List.of(LoginRequest.class, UploadRequest.class,
            UploadPlan.class, AuditUpload.class, NewUser.class, AdminImport.class, LoginResponse.class,
            PullResponse.class, CommitResult.class, BlobStatus.class, SessionInfo.class, JobSummary.class,
            ImportReport.class, ErrorResponse.class, AuditAck.class, UserInfo.class);

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int selector = Byte.toUnsignedInt(input[0]) % (2 * MESSAGES.size());
        Class<?> type = MESSAGES.get(selector / 2);
        String json = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        try {
            Object message = selector % 2 == 0 ? ProtocolJson.read(json, type) : ProtocolJson.readList(json, type);
            ProtocolJson.write(message);
        } catch (JsonParseException e) {
            Contract.requireMessage(e);
        }
    }
}
