package org.airgap.server.http.internal;

import java.util.Locale;

/**
 * Recognises a full disk in a failure: Java reports ENOSPC and EDQUOT only as the operating system's
 * message, in the exception or one of its causes (H2 and the store wrap it).
 */
final class DiskFull {

    static final String MESSAGE = "the server's disk is full: nothing of this request was kept and everything"
            + " stored before is intact; ask the server's administrator to free space in the data directory,"
            + " then try again";

    private DiskFull() {
    }

    static boolean causedIt(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                        || lower.contains("there is not enough space on the disk")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
