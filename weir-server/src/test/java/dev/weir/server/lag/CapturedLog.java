package dev.weir.server.lag;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one class logs during a test, at every level down to DEBUG. */
final class CapturedLog extends AbstractAppender implements AutoCloseable {

    /** A logged message and its level. */
    record Line(Level level, String message) {
    }

    private final Logger logger;
    private final Level previousLevel;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Class<?> type) {
        super("captured-" + type.getSimpleName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = (Logger) LogManager.getLogger(type);
        this.previousLevel = logger.getLevel();
    }

    static CapturedLog of(Class<?> type) {
        CapturedLog log = new CapturedLog(type);
        log.start();
        log.logger.addAppender(log);
        log.logger.setLevel(Level.DEBUG);
        return log;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(new Line(event.getLevel(), event.getMessage().getFormattedMessage()));
    }

    List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).toList();
    }

    long count(Level level, String containing) {
        return lines.stream().filter(l -> l.level() == level && l.message().contains(containing)).count();
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}
