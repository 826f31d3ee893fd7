package dev.weir.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Kafka Streams state directory claimed by this process. Several processes on one machine
 * (two {@code weir run} copies) each get their own {@code instance-N}, and a restarted process
 * takes a free one back with its local state, instead of restoring everything from changelogs.
 */
public final class StateDirectory implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    public static StateDirectory claim(Path base) {
        try {
            Files.createDirectories(base);
            for (int i = 0; i < 1000; i++) {
                Path dir = base.resolve("instance-" + i);
                Files.createDirectories(dir);
                FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new StateDirectory(dir, ch, lock);
                }
                ch.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state directory under " + base, e);
        }
        throw new IllegalStateException("no free state directory under " + base);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
