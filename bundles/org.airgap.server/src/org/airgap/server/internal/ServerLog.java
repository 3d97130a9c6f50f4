package org.airgap.server.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends the JVM's logging (ours, and Jetty's through SLF4J's JDK binding) to the console and to a
 * file, one line per record. The JDK's LogManager closes and detaches all handlers in a shutdown
 * hook of its own, racing ours; the server's own lines therefore go to handlers kept here, which
 * ignore that close until {@link #close()}.
 */
final class ServerLog {

    private static final String LOGGER = "org.airgap.server";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static volatile List<Handler> handlers = List.of();

    private ServerLog() {
    }

    static void configure(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Formatter oneLine = new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringBuilder line = new StringBuilder()
                        .append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                        .append(record.getLevel().getName()).append(" [").append(record.getLoggerName()).append("] ")
                        .append(formatMessage(record)).append(System.lineSeparator());
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                return line.toString();
            }
        };
        Handler toFile = new FileHandler(file.toString(), true) {
            @Override
            public synchronized void close() {
                flush();
            }
        };
        toFile.setFormatter(oneLine);
        toFile.setEncoding("UTF-8");
        Handler toConsole = new ConsoleHandler();
        toConsole.setFormatter(oneLine);
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(toFile);
        root.addHandler(toConsole);
        root.setLevel(Level.INFO);
        // Jetty is chatty at INFO about each context; its warnings still show.
        Logger.getLogger("org.eclipse.jetty").setLevel(Level.WARNING);
        handlers = List.of(toFile, toConsole);
    }

    static void info(String message) {
        log(Level.INFO, message);
    }

    static void error(String message) {
        log(Level.SEVERE, message);
    }

    static void log(Level level, String message) {
        List<Handler> current = handlers;
        if (current.isEmpty()) {
            System.err.println(message);
            return;
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(LOGGER);
        for (Handler handler : current) {
            handler.publish(record);
            handler.flush();
        }
    }

    /** Flushes and closes the file for good: the last thing the server does. */
    static void close() {
        for (Handler handler : handlers) {
            handler.flush();
            if (handler instanceof FileHandler file) {
                // FileHandler.close() is overridden to flush only; StreamHandler's close releases the lock file.
                file.setLevel(Level.OFF);
            }
        }
    }
}
