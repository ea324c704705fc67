package dev.lethe.cleaners.filesystem;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SafeErrors;
import java.io.IOException;

/**
 * An I/O error of a filesystem resource, told without the file's path (paths hold subject values): the original
 * exception's class and the operating system's reason, and whether a retry can help as {@link FilesystemFailures}
 * decided from the original. It has no cause on purpose, so no path reaches a log through a stack trace.
 */
final class FilesystemFailure extends IOException implements SafeErrors.SafeMessage, FailureClassifier.TransientFailure {

    private final boolean transientFailure;

    FilesystemFailure(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }
}
