package org.airgap.protocol;

/**
 * The answer to {@code POST /api/admin/sessions/end}: how many sessions ended; the caller's own stays open.
 *
 * @param ended the number of sessions that ended
 * @since 0.2
 */
public record SessionsEnded(int ended) {
}
