package org.airgap.model;

import java.time.Instant;

/** A line of a run's log, shown to the technician and uploaded with the run. */
public record RunMessage(Instant time, Level level, String text) {

    public enum Level {
        INFO, WARNING, ERROR
    }

    public RunMessage {
        Check.present(time, "RunMessage.time");
        Check.present(level, "RunMessage.level");
        Check.present(text, "RunMessage.text");
    }
}
