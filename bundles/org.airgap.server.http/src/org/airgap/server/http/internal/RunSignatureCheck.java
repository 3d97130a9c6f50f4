package org.airgap.server.http.internal;

import java.util.Optional;

import org.airgap.model.Run;
import org.airgap.model.RunSigning;
import org.airgap.protocol.RunSignature;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.Laptops;
import org.airgap.server.core.RegisteredLaptop;
import org.airgap.server.core.RunOrigin;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;

/**
 * The laptop's signature of an uploaded run, verified against the key the laptop registered for the
 * uploader (docs/formats.md, "Laptop key and run signatures"). A run changed after its laptop signed it, a
 * signature stripped from the run of a user whose laptops sign, or a revoked laptop is refused with 422
 * naming the run and what did not verify, and the refusal is recorded in the server's audit trail
 * ({@code RUN_REFUSED}) for the administrator.
 */
final class RunSignatureCheck {

    static final String REFUSED = "RUN_REFUSED";
    /** The longest user name the server makes (Users). */
    private static final int MAX_USER_NAME = 64;

    private RunSignatureCheck() {
    }

    /**
     * Who ran the run and how it was signed.
     *
     * @throws ServerException UNPROCESSABLE when the signature does not verify, is missing or its laptop is
     *                         revoked or unknown (recorded in the server's audit trail)
     */
    static RunOrigin verify(ServerRepository repository, UserInfo uploader, Run run, RunSignature signature)
            throws ServerException {
        if (signature == null) {
            if (repository.laptops().hasLaptop(uploader.name())) {
                throw refused(repository, uploader, run, "it carries no laptop signature, but " + uploader.name()
                        + " uploads from a laptop with a key, which signs every run: the signature was removed"
                        + " after the run was collected");
            }
            return new RunOrigin(uploader.name(), null, RunOrigin.UNSIGNED, null); // a client before laptop keys
        }
        if (signature.laptopId() == null || signature.technician() == null || signature.signature() == null
                || !(RunSigning.RUN_END.equals(signature.kind()) || RunSigning.BEFORE_KEY.equals(signature.kind()))) {
            throw refused(repository, uploader, run, "its signature is incomplete (it needs kind RUN_END or"
                    + " BEFORE_KEY, laptopId, technician and signature)");
        }
        // Each value is checked for its form before it is looked up or quoted: the database (PostgreSQL refuses a
        // NUL) and the audit trail get only values of bounded length.
        String laptopId = signature.laptopId();
        if (!Laptops.isLaptopId(laptopId)) {
            throw refused(repository, uploader, run, "its signature's laptop id is malformed (" + Laptops.ID_RULE + ")");
        }
        if (signature.technician().length() > MAX_USER_NAME
                || signature.technician().chars().anyMatch(Character::isISOControl)) {
            throw refused(repository, uploader, run, "its signature's technician is not a user name");
        }
        String auditHead = signature.auditHead() == null || signature.auditHead().isEmpty() ? null
                : signature.auditHead();
        if (auditHead != null && !auditHead.matches("[0-9a-f]{64}")) {
            throw refused(repository, uploader, run, "its audit head is not a SHA-256 hash");
        }
        Optional<RegisteredLaptop> laptop = repository.laptops().laptop(laptopId, uploader.name());
        if (laptop.isEmpty()) {
            throw refused(repository, uploader, run, "it is signed by laptop " + laptopId + ", whose key "
                    + uploader.name() + " has not registered: log in online on that laptop first");
        }
        if (laptop.get().revoked()) {
            throw refused(repository, uploader, run, "laptop " + laptopId + " was revoked by "
                    + laptop.get().info().revokedBy() + " at " + laptop.get().info().revoked()
                    + ": the server refuses its uploads");
        }
        byte[] signed;
        try {
            signed = RunSigning.signedBytes(run, signature.kind(), laptopId, signature.technician(),
                    auditHead == null ? "" : auditHead);
        } catch (IllegalArgumentException e) {
            throw refused(repository, uploader, run, "its signature is malformed: " + e.getMessage());
        }
        if (!RunSigning.verifies(laptop.get().publicKey(), signed, signature.signature())) {
            throw refused(repository, uploader, run, "laptop " + laptopId + "'s signature does not verify: the run"
                    + " (its record, manifest id, device identity, technician or times) was changed after the laptop"
                    + " signed it");
        }
        if (repository.user(signature.technician()).isEmpty()) {
            throw refused(repository, uploader, run, "its technician '" + signature.technician()
                    + "' is not a user of this server");
        }
        return new RunOrigin(signature.technician(), laptopId, signature.kind(), auditHead);
    }

    private static ServerException refused(ServerRepository repository, UserInfo uploader, Run run, String why)
            throws ServerException {
        String message = "run " + run.id() + " of job " + run.jobId() + " refused: " + why
                + ". It stays queued on the laptop; the administrator sees this refusal in the server's audit trail";
        repository.recordChange(uploader.name(), REFUSED, "run " + run.id(), message);
        return new ServerException(Kind.UNPROCESSABLE, message);
    }
}
