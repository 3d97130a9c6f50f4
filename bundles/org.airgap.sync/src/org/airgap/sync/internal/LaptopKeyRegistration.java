package org.airgap.sync.internal;

import java.io.IOException;

import org.airgap.protocol.Api;
import org.airgap.protocol.LaptopInfo;
import org.airgap.protocol.LaptopRegistration;
import org.airgap.session.http.ServerCallException;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.LaptopIdentity;

/**
 * Registers the workspace's laptop key with the server at each sync ({@code POST /api/laptops}, idempotent):
 * the first sync after an online login makes the key ({@link JobRepository#laptopIdentity}), and a
 * workspace gets its jobs only by a pull, so every run it records after that is signed.
 */
final class LaptopKeyRegistration {

    private static final int NOT_FOUND = 404;

    private LaptopKeyRegistration() {
    }

    /** The registration; {@code null} from a server before laptop keys (404), which takes unsigned runs. */
    static LaptopInfo register(ServerCalls calls, JobRepository repository) throws IOException {
        LaptopIdentity identity = repository.laptopIdentity(calls.session().user());
        try {
            return calls.client().postJson(Api.LAPTOPS, new LaptopRegistration(identity.laptopId(),
                    identity.publicKey()), LaptopInfo.class);
        } catch (ServerCallException e) {
            if (e.status() == NOT_FOUND) {
                return null;
            }
            throw calls.failure(e, "registration of this laptop's key (" + identity.laptopId() + ")");
        }
    }
}
