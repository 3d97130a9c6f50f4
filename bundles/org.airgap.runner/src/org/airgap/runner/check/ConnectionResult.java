package org.airgap.runner.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.airgap.model.DeviceIdentity;

/**
 * How one job's connection test went.
 *
 * @param jobId       the job
 * @param jobName     its name
 * @param reachable   whether the driver connected (and logged in, where the protocol has a login)
 * @param identity    what the device said about itself; {@link DeviceIdentity#UNKNOWN} when nothing
 * @param took        how long the test took; zero when it did not start
 * @param problemKind {@code null} when reachable; else a {@link org.airgap.driver.api.ProblemKind} name
 *                    ({@code UNREACHABLE}, {@code TIMEOUT}, {@code AUTHENTICATION_FAILED}, …) or
 *                    {@link #CANNOT_RUN} when the job cannot run here (the pre-flight reason)
 * @param problem     what went wrong in words for the technician; {@code null} when reachable
 */
public record ConnectionResult(String jobId, String jobName, boolean reachable, DeviceIdentity identity,
        Duration took, String problemKind, String problem) {

    /** The problem kind of a job that was not tested: no driver, invalid parameters, no component. */
    public static final String CANNOT_RUN = "CANNOT_RUN";

    public ConnectionResult {
        Objects.requireNonNull(jobId, "jobId");
        identity = identity == null ? DeviceIdentity.UNKNOWN : identity;
        took = took == null ? Duration.ZERO : took;
        if (reachable != (problemKind == null)) {
            throw new IllegalArgumentException("a reachable device has no problem, an unreachable one has one");
        }
    }

    /** The identity in one line, "Siemens CPU 315-2 PN/DP, firmware V3.2.6, serial S C-X4U", or "-" when unknown. */
    public String identityText() {
        List<String> parts = new ArrayList<>();
        String name = Stream.of(identity.vendor(), identity.model()).filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        if (!name.isEmpty()) {
            parts.add(name);
        }
        if (identity.firmware() != null) {
            parts.add("firmware " + identity.firmware());
        }
        if (identity.serial() != null) {
            parts.add("serial " + identity.serial());
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
