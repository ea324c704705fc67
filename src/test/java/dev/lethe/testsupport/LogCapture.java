package dev.lethe.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event, message and throwables included, while raising the named loggers to DEBUG: what an
 * operator who turns on debug logging would see. Restores the levels on close.
 */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previousLevels = new HashMap<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogCapture(List<String> debugLoggers) {
        debugLoggers.forEach(name -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        });
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture atDebug(String... loggers) {
        return new LogCapture(List.of(loggers));
    }

    /** Every captured line: the formatted message, then each throwable's class, message and frames. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : captured()) {
            lines.add(event.getLoggerName() + " " + event.getFormattedMessage());
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                lines.add(error.getClassName() + ": " + error.getMessage());
                for (StackTraceElementProxy frame : error.getStackTraceElementProxyArray()) {
                    lines.add(frame.getSTEAsString());
                }
            }
        }
        return lines;
    }

    public int debugEvents() {
        return (int) captured().stream().filter(event -> event.getLevel() == Level.DEBUG).count();
    }

    /** A copy taken under the appender's lock, which every logging thread appends under. */
    private List<ILoggingEvent> captured() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        previousLevels.forEach(Logger::setLevel);
    }
}
