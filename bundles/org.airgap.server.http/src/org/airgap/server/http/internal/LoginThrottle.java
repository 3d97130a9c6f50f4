package org.airgap.server.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.airgap.server.core.LoginRecord;
import org.airgap.server.core.LoginSettings;

/**
 * Counts failed logins per user name and per client address, in memory (a restart ends every session
 * anyway, and forgets the counts with them). From {@code loginDelayAfter} failures on, the next attempt
 * must wait 1 s, then twice as long after each further failure; from {@code loginLockAfter} on, it must
 * wait {@code loginLockTime}. An address's limits are {@link #ADDRESS_FACTOR} times as high, since the
 * users of a plant may share one address. Failures older than {@code loginLockTime} are forgotten. A user name that
 * does not exist is counted like one that does, so the answers do not tell them apart. Each map keeps
 * at most {@link #MAX_TRACKED} entries, the least recently failed ones going first, so random names or
 * addresses cannot exhaust memory.
 */
final class LoginThrottle {

    static final int MAX_TRACKED = 10_000;
    static final int ADDRESS_FACTOR = 4;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

    private final LoginSettings settings;
    private final Clock clock;
    private final Map<String, Failures> users = bounded();
    private final Map<String, Failures> addresses = bounded();

    /** The failures of one key: how many, and when the last one was. */
    private record Failures(int count, Instant last) {
    }

    LoginThrottle(LoginSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the caller must wait before a login of {@code user} from {@code address} is tried; empty: now. */
    synchronized Optional<Duration> waitBefore(String user, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitOf(users, key(user), now, 1), waitOf(addresses, address, now, ADDRESS_FACTOR));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        count(users, key(user), now);
        count(addresses, address, now);
    }

    /** Forgets the user's failures; the address keeps its own (one known password must not reset them). */
    synchronized void succeeded(String user) {
        users.remove(key(user));
    }

    private void count(Map<String, Failures> map, String key, Instant now) {
        Failures earlier = current(map, key, now);
        map.remove(key); // re-inserted last: the map evicts the least recently failed key first
        map.put(key, new Failures(earlier == null ? 1 : earlier.count() + 1, now));
    }

    private Duration waitOf(Map<String, Failures> map, String key, Instant now, int factor) {
        Failures failures = current(map, key, now);
        int delayAfter = settings.loginDelayAfter() * factor;
        if (failures == null || failures.count() < delayAfter) {
            return Duration.ZERO;
        }
        Duration blocked = failures.count() >= settings.loginLockAfter() * factor ? settings.loginLockTime()
                : delay(failures.count() - delayAfter);
        Duration left = Duration.between(now, failures.last().plus(blocked));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** 1 s after the first counted failure, doubling, never more than a lock. */
    private Duration delay(int doublings) {
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(doublings, 30));
        return delay.compareTo(settings.loginLockTime()) > 0 ? settings.loginLockTime() : delay;
    }

    /** The key's failures, unless they are old enough to be forgotten. */
    private Failures current(Map<String, Failures> map, String key, Instant now) {
        Failures failures = map.get(key);
        if (failures != null && !now.isBefore(failures.last().plus(settings.loginLockTime()))) {
            map.remove(key);
            return null;
        }
        return failures;
    }

    private static String key(String user) {
        return user == null ? "" : user.length() > LoginRecord.MAX_USER_LENGTH
                ? user.substring(0, LoginRecord.MAX_USER_LENGTH) : user;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, Failures> bounded() {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
