package cin.reminders.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/** Temporary directories of embedded services, and finding the ones that killed JVMs left behind. */
final class TempDirectories {

    private static final Logger LOG = Logger.getLogger(TempDirectories.class);

    /** Long enough for a starting service to take its lock. */
    private static final long MIN_AGE_MS = 60_000;

    private TempDirectories() {
    }

    /**
     * Directories {@code java.io.tmpdir/<prefix>*} older than a minute whose lock file (relative to the directory)
     * no running process holds: their owner is dead. The lock must be one the service holds while it runs.
     */
    static List<Path> abandoned(String prefix, String lockFile) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long oldEnough = System.currentTimeMillis() - MIN_AGE_MS;
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.isDirectory(dir) && Files.getLastModifiedTime(dir).toMillis() < oldEnough
                            && !lockHeld(dir.resolve(lockFile))) {
                        result.add(dir);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debugf(e, "Could not check %s", dir);
                }
            }
        } catch (IOException e) {
            LOG.debugf(e, "Could not list %s", tmp);
        }
        return result;
    }

    /**
     * Whether a process holds a lock on the file. Only call it for files this JVM does not lock itself: on Linux,
     * closing any channel to a file drops every lock this JVM holds on it.
     */
    private static boolean lockHeld(Path lock) throws IOException {
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
                FileLock fileLock = channel.tryLock()) {
            return fileLock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Could not delete %s: %s", dir, e.getMessage());
        }
    }
}
