package org.airgap.client.events;

import java.time.Instant;

/** A line the driver or the runner logged while the run went on ({@code key}: {@link RunStarted#key()}). */
public record RunLogLine(String key, Instant time, String text) {
}
