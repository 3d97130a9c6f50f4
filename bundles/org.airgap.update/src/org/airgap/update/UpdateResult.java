package org.airgap.update;

import java.util.List;

/**
 * What an update check or an update did.
 *
 * @param outcome  what happened
 * @param message  one sentence for the user; for {@link Outcome#FAILED} it says what to do
 * @param changes  the installed units that were (or would be) replaced, as "id old → new"
 */
public record UpdateResult(Outcome outcome, String message, List<String> changes) {

    public enum Outcome {
        /** Nothing newer was found in the update repositories. */
        UP_TO_DATE,
        /** Newer versions were found (check only). */
        UPDATES_AVAILABLE,
        /** Newer versions were installed; they take effect after a restart. */
        UPDATED,
        /** The check or the installation failed; nothing was changed. */
        FAILED,
        /** The user cancelled; nothing was changed. */
        CANCELLED,
        /**
         * This account may not change the installation (an administrator must run the update or install);
         * nothing was changed. The message names the installation folder and the account.
         */
        NOT_PERMITTED
    }

    public UpdateResult {
        changes = List.copyOf(changes);
    }
}
