package dev.lethe.cleaners.filesystem;

import dev.lethe.cleaners.FailureClassifier;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;

/**
 * The filesystem type's failures. Transient: the operating system says the filesystem is busy or unavailable (an
 * NFS server gone or a stale handle: {@code EIO}, {@code ESTALE}, {@code EBUSY}, {@code EAGAIN}, {@code ENOTCONN},
 * {@code ETIMEDOUT}, ...), a directory that filled up again while it was being emptied, a root that is missing or
 * not the directory seen at start (a volume not mounted), and every network failure. Permanent: access denied, a
 * root that is no longer a directory, a refusal ({@link FilesystemRefusal}: a path that would leave the root or
 * follow a link), anything else.
 */
final class FilesystemFailures {

    /**
     * The Java runtime reports most errno values as a {@link FileSystemException} whose reason is the C library's
     * text ({@code strerror}); these are the ones a retry can outlive.
     */
    private static final List<String> TRANSIENT_REASONS = List.of(
            "input/output error", "stale file handle", "stale nfs file handle", "device or resource busy",
            "resource temporarily unavailable", "transport endpoint is not connected", "connection timed out",
            "host is down", "no route to host", "network is unreachable", "connection reset",
            "software caused connection abort", "remote i/o error", "too many open files", "interrupted system call");

    static final FailureClassifier CLASSIFIER =
            ((FailureClassifier) error -> FailureClassifier.anyCause(error, FilesystemFailures::isTransientIo)).orNetwork();

    private FilesystemFailures() {
    }

    /** Whether an I/O error of the runtime (not yet turned into a {@link FilesystemFailure}) can be outlived. */
    static boolean isTransientIo(Throwable error) {
        if (error instanceof FilesystemRefusal) {
            return false;
        }
        if (error instanceof FilesystemFailure failure) {
            return failure.isTransient();
        }
        if (error instanceof DirectoryNotEmptyException) {
            return true; // something was written into a directory while it was emptied: the next call removes it
        }
        if (error instanceof AccessDeniedException || error instanceof NotDirectoryException
                || error instanceof NoSuchFileException || error instanceof FileSystemLoopException) {
            return false;
        }
        if (error instanceof FileSystemException fileSystem) {
            return saysUnavailable(fileSystem.getReason());
        }
        return false;
    }

    private static boolean saysUnavailable(String reason) {
        if (reason == null) {
            return false;
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        return TRANSIENT_REASONS.stream().anyMatch(lower::contains);
    }
}
