package dev.weir.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

import java.nio.file.Path;

/** Points the log file at a project's {@code .weir/logs/} once the command knows the project. */
final class Logging {

    private Logging() {
    }

    static Path toProject(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().resolve(".weir").resolve("logs");
        System.setProperty("weir.log.dir", dir.toString());
        if (LogManager.getContext(false) instanceof LoggerContext ctx) {
            ctx.reconfigure();
        }
        return dir.resolve("weir.log");
    }

    static void verbose() {
        System.setProperty("weir.verbose", "true");
    }

    static void shutdown() {
        LogManager.shutdown();
    }
}
