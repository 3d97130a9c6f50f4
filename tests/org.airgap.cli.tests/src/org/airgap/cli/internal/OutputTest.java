package org.airgap.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The text form: times left, run durations, columns. */
class OutputTest {

    @Test
    void timeLeftInHoursMinutesOrSeconds() {
        assertEquals("1 h 59 min", Output.left(Duration.ofMinutes(119).plusSeconds(30)));
        assertEquals("48 h 0 min", Output.left(Duration.ofHours(48)));
        assertEquals("4 min 10 s", Output.left(Duration.ofSeconds(250)));
        assertEquals("9 s", Output.left(Duration.ofSeconds(9)));
        assertEquals("0 s", Output.left(Duration.ofSeconds(-5)), "a limit that has passed");
    }

    @Test
    void runDurationsBelowASecondInMilliseconds() {
        assertEquals("850 ms", Output.took(Duration.ofMillis(850)));
        assertEquals("10 s", Output.took(Duration.ofMillis(10_400)));
        assertEquals("1 min 0 s", Output.took(Duration.ofSeconds(60)));
    }

    @Test
    void tableColumnsArePaddedToTheWidestCellWithoutTrailingBlanks() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Output.table(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(List.of("ID", "STATE", "LAST"),
                List.of("job-plc-12", "never run", "-"), List.of("j", "failed", "")));
        assertEquals("""
                ID          STATE      LAST
                job-plc-12  never run  -
                j           failed
                """, bytes.toString(StandardCharsets.UTF_8));
    }
}
