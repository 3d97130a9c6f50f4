package org.airgap.driver.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.ProblemKind;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.DriverTestKit.Backup;
import org.airgap.testing.drivers.ModbusTestSlaves;
import org.airgap.testing.drivers.RecordingProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * Gentle mode against a j2mod slave that notes when each read request reaches its process image. Times are
 * only checked from below: a loaded machine makes everything slower, never faster.
 */
@Timeout(30)
class ModbusGentleModeTest {

    private static final Duration PAUSE = Duration.ofMillis(150);

    @TempDir
    Path temp;

    private final List<Long> requestTimes = Collections.synchronizedList(new ArrayList<>());
    private ModbusSlave slave;
    private DriverTestKit kit;
    private DeviceDriver driver;

    /** A process image that records the time of every range read, i.e. of every read request. */
    private final class TimedImage extends SimpleProcessImage {
        TimedImage() {
            super(TestSlave.UNIT_ID);
        }

        @Override
        public synchronized Register[] getRegisterRange(int offset, int count) {
            requestTimes.add(System.nanoTime());
            return super.getRegisterRange(offset, count);
        }

        @Override
        public synchronized DigitalOut[] getDigitalOutRange(int offset, int count) {
            requestTimes.add(System.nanoTime());
            return super.getDigitalOutRange(offset, count);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        TimedImage image = new TimedImage();
        for (int i = 0; i < 500; i++) {
            image.addRegister(new SimpleRegister(TestSlave.holding(i)));
            image.addDigitalOut(new SimpleDigitalOut(TestSlave.coil(i)));
        }
        slave = ModbusTestSlaves.openOnFreePort(TestSlave.UNIT_ID, image, 4);
        kit = new DriverTestKit(temp.resolve("store"));
        driver = DriverTestKit.driver("modbus-tcp");
    }

    @AfterEach
    void stopSlave() {
        ModbusSlaveFactory.close(slave);
    }

    private Map<String, String> parameters(String holdingRegisters, String coils, String... more) {
        Map<String, String> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port",
                Integer.toString(slave.getPort()), "timeout", "PT2S", "holdingRegisters", holdingRegisters, "coils",
                coils, "concurrency", "1"));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return parameters;
    }

    @Test
    void eachRequestReachesTheDeviceAtLeastThePauseAfterThePreviousOne() throws Exception {
        // 500 registers are four requests of at most 125, the coils one more.
        Backup backup = kit.backup(driver, parameters("0-499", "0-99"), new RecordingProgress().withPacing(PAUSE, 0));
        backup.snapshotOrFail();
        assertEquals(5, requestTimes.size(), requestTimes.toString());
        for (int i = 1; i < requestTimes.size(); i++) {
            long gap = requestTimes.get(i) - requestTimes.get(i - 1);
            assertTrue(gap >= PAUSE.toNanos(), "request " + i + " came " + gap / 1_000_000 + " ms after the one before");
        }
        assertTrue(backup.progress().log().contains("Gentle mode (at least 150 ms between requests): each request waits "
                + "for the pause after the last answer"), backup.progress().log().toString());
    }

    @Test
    void theCapSlowsTheAnswersDown() throws Exception {
        long started = System.nanoTime();
        Backup backup = kit.backup(driver, parameters("0-499", "0-0"), new RecordingProgress().withPacing(Duration.ZERO, 1024));
        long elapsed = System.nanoTime() - started;
        backup.snapshotOrFail();
        // The four answers carry 1,000 bytes of register values alone: at 1 KiB/s that takes at least 0.97 s.
        assertTrue(elapsed >= Duration.ofMillis(1000 * 1000 / 1024).toNanos(), "took " + elapsed / 1_000_000 + " ms");
    }

    @Test
    void aCancelDuringTheLongestPauseEndsTheBackup() throws Exception {
        RecordingProgress progress = new RecordingProgress(1).withPacing(Duration.ofMinutes(1), 0);
        // Without the identification request, which the pause would put a minute before the first read.
        Backup backup = kit.backup(driver, parameters("0-499", "0-0", "readDeviceIdentification", "false"), progress);
        assertEquals(ProblemKind.CANCELLED, backup.result().problems().get(0).kind(), backup.result().problems().toString());
        assertEquals(1, requestTimes.size(), "the second request waited for the pause and was never sent");
    }
}
