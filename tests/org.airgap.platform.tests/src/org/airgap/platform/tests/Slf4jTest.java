package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLF4J reaches java.util.logging through slf4j.jdk14, the binding the products ship. Under OSGi the
 * binding is found by SPI Fly, so this fails if SPI Fly or the binding is not started early enough
 * (SLF4J then falls back to its no-op logger for good) or if another binding wins.
 */
class Slf4jTest {

    private static final String LOGGER = "org.airgap.platform.tests.Slf4jTest";

    private final java.util.logging.Logger julLogger = java.util.logging.Logger.getLogger(LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureJul() {
        capture.setLevel(Level.ALL);
        julLogger.setLevel(Level.ALL);
        julLogger.addHandler(capture);
    }

    @AfterEach
    void release() {
        julLogger.removeHandler(capture);
        julLogger.setLevel(null);
    }

    @Test
    void messagesReachJavaUtilLogging() {
        assertEquals("org.slf4j.jul.JDK14LoggerFactory", LoggerFactory.getILoggerFactory().getClass().getName());

        Logger log = LoggerFactory.getLogger(LOGGER);
        log.info("backup of {} finished: {} files", "plc-7", 12);
        log.debug("compared with server version {}", 3);

        assertEquals(List.of("INFO backup of plc-7 finished: 12 files", "FINE compared with server version 3"),
                records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
        assertEquals(LOGGER, records.get(0).getLoggerName());
    }
}
