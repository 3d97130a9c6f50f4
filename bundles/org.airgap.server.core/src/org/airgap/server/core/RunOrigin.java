package org.airgap.server.core;

/**
 * Who ran an uploaded run and how its laptop vouched for it, kept with the run beside its uploader.
 *
 * @param technician the user who ran it, as the laptop signed it; the uploader for an unsigned run
 * @param laptopId   the laptop whose key signed it; null for an unsigned run
 * @param signature  {@code RUN_END} (signed when it ended), {@code BEFORE_KEY} (recorded before the laptop had
 *                   its key, signed when the key was made) or {@code UNSIGNED} (a client before laptop keys)
 * @param auditHead  the signed hash of the laptop's audit entry recording the run's end; null when none
 * @since 0.2
 */
public record RunOrigin(String technician, String laptopId, String signature, String auditHead) {

    public static final String UNSIGNED = "UNSIGNED";
}
