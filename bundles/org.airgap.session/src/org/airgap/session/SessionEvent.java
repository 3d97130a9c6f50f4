package org.airgap.session;

import org.airgap.protocol.SessionEndReason;

/**
 * A session started or ended in this process (the workbench locks on ENDED).
 *
 * @param type    started or ended
 * @param session the session concerned
 * @param reason  why it ended; {@code null} for STARTED
 */
public record SessionEvent(Type type, ClientSession session, SessionEndReason reason) {

    public enum Type {
        STARTED, ENDED
    }
}
