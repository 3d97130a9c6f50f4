package org.airgap.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.ini {@code [Retention] gcSchedule}: its forms, its default, its refusals and the next run's delay. */
class GcScheduleTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultsFileSaysDailyAtThreeAndAMissingKeyMeansTheSame() throws Exception {
        ServerIni.writeDefaults(dir);
        assertEquals(GcSchedule.DEFAULT, ServerIni.gcSchedule(dir));
        assertEquals(new GcSchedule(LocalTime.of(3, 0), null), GcSchedule.DEFAULT);
        Files.writeString(dir.resolve("server.ini"), "[Server]\nport = 9000\n");
        assertEquals(GcSchedule.DEFAULT, ServerIni.gcSchedule(dir));
        assertEquals(GcSchedule.OFF, ServerIni.gcSchedule(dir.resolve("no-such-dir")), "settings made in code");
    }

    @Test
    void dailyEveryAndOffAreRead() throws Exception {
        assertEquals(new GcSchedule(LocalTime.of(23, 30), null), schedule("daily 23:30"));
        assertEquals(new GcSchedule(null, Duration.ofHours(6)), schedule("every 6h"));
        assertEquals(new GcSchedule(null, Duration.ofMinutes(90)), schedule("Every 90m"));
        assertTrue(schedule("off").off());
    }

    @Test
    void badSchedulesStopTheServerNamingTheLine() throws Exception {
        for (String bad : new String[] { "sometimes", "daily 25:00", "every 0m", "every 30s", "every soon", "daily" }) {
            Files.writeString(dir.resolve("server.ini"), "[Retention]\ngcSchedule = " + bad + "\n");
            ServerIniException e = assertThrows(ServerIniException.class, () -> ServerIni.load(dir), bad);
            assertTrue(e.getMessage().contains("line 2: gcSchedule = '" + bad + "' is not a schedule such as"),
                    e.getMessage());
        }
    }

    @Test
    void theNextRunIsAtTheTimeOfDayOrAfterTheInterval() {
        ZonedDateTime morning = ZonedDateTime.of(2026, 12, 7, 2, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofHours(1)), GcSchedule.DEFAULT.delayFrom(morning));
        assertEquals(Optional.of(Duration.ofHours(23)), GcSchedule.DEFAULT.delayFrom(morning.plusHours(2)));
        assertEquals(Optional.of(Duration.ofDays(1)), GcSchedule.DEFAULT.delayFrom(morning.plusHours(1)));
        assertEquals(Optional.of(Duration.ofHours(6)), new GcSchedule(null, Duration.ofHours(6)).delayFrom(morning));
        assertEquals(Optional.empty(), GcSchedule.OFF.delayFrom(morning));
    }

    private GcSchedule schedule(String value) throws Exception {
        Files.writeString(dir.resolve("server.ini"), "[retention]\ngcschedule = " + value + "\n");
        ServerIni.load(dir);
        return ServerIni.gcSchedule(dir);
    }
}
