package dev.weir.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the broker's data directory, held for as long as the broker runs.
 *
 * <p>Kafka locks its log directories only when the broker part starts, after the controller
 * has already opened the metadata log in the same directory. Taking this lock first keeps a
 * second broker away from a directory that is in use.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = ".weir.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws BrokerStartException if another broker, in this or another process, holds the lock
     */
    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir);
            }
            return new DataDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(dataDir);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BrokerStartException("cannot lock the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel is closed below, which releases the lock as well.
        } finally {
            closeQuietly(channel);
        }
    }

    private static BrokerStartException inUse(Path dataDir) {
        return new BrokerStartException("the Kafka data directory " + dataDir
                + " is in use by another running broker; stop it first");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
