package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.airgap.server.core.LoginSettings;
import org.airgap.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The delays and locks of failed logins, on a clock the test moves (no sleeping). */
class LoginThrottleTest {

    private static final String HOST = "10.0.0.5";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginSettings.DEFAULTS, clock);

    @Test
    void fiveFailuresDelayTheNextAttemptDoublingUntilTenLockForFifteenMinutes() {
        fail("tech1", 4);
        assertEquals(Optional.empty(), throttle.waitBefore("tech1", HOST));
        fail("tech1", 1);
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBefore("tech1", HOST));
        clock.advance(Duration.ofMillis(400));
        assertEquals(Optional.of(Duration.ofMillis(600)), throttle.waitBefore("tech1", HOST));
        clock.advance(Duration.ofMillis(600));
        assertEquals(Optional.empty(), throttle.waitBefore("tech1", HOST));
        for (long expected : new long[] { 2, 4, 8, 16 }) {
            fail("tech1", 1);
            assertEquals(Optional.of(Duration.ofSeconds(expected)), throttle.waitBefore("tech1", HOST));
            clock.advance(Duration.ofSeconds(expected));
        }
        fail("tech1", 1); // the tenth
        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.waitBefore("tech1", HOST));
        assertEquals(Optional.empty(), throttle.waitBefore("tech2", "10.0.0.6"), "others are not locked");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), throttle.waitBefore("tech1", HOST));
        fail("tech1", 1);
        assertEquals(Optional.empty(), throttle.waitBefore("tech1", HOST), "failures older than the lock are forgotten");
    }

    @Test
    void aSuccessfulLoginResetsTheUsersCountButNotTheAddresss() {
        fail("tech1", 4);
        throttle.succeeded("tech1");
        fail("tech1", 4);
        assertEquals(Optional.empty(), throttle.waitBefore("tech1", HOST));
        for (int user = 0; user < 12; user++) {
            fail("user" + user, 1);
            throttle.succeeded("user" + user);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBefore("anyone", HOST),
                "twenty failures from one address slow it down, whoever logs in successfully");
        assertEquals(Optional.empty(), throttle.waitBefore("anyone", "10.0.0.6"));
    }

    @Test
    void unknownAndKnownUserNamesAreCountedAlikeAndLongNamesByTheirFirst64Characters() {
        String longName = "a".repeat(64);
        fail(longName + "b", 3);
        fail(longName + "c", 2);
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBefore(longName + "d", "10.0.0.9"));
    }

    @Test
    void theCountersStayBoundedUnderRandomNames() {
        for (int i = 0; i < LoginThrottle.MAX_TRACKED + 5; i++) {
            throttle.failed("random-" + i, "10.1." + (i >> 8) + "." + (i & 255));
        }
        fail("tech1", 5);
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBefore("tech1", "10.9.9.9"));
        assertEquals(Optional.empty(), throttle.waitBefore("random-0", "10.9.9.9"), "the oldest entry was dropped");
    }

    private void fail(String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, HOST);
        }
    }
}
