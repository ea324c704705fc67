package dev.lethe.cleaners.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which filesystem errors a retry can outlive. Such errors (a stale NFS handle, EIO) cannot be produced on a local
 * temporary directory, so the classifier is tested with the exceptions the Java runtime throws for them: a
 * {@link FileSystemException} whose reason is the C library's text.
 */
class FilesystemFailuresTests {

    @ParameterizedTest
    @ValueSource(strings = {"Input/output error", "Stale file handle", "Stale NFS file handle",
            "Device or resource busy", "Resource temporarily unavailable", "Transport endpoint is not connected",
            "Connection timed out", "Host is down", "Too many open files"})
    void anUnavailableFilesystemIsTransient(String reason) {
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new FileSystemException("/srv/files/users/42", null, reason)))
                .isTrue();
    }

    @Test
    void permanentFailures() {
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new AccessDeniedException("/srv/x"))).isFalse();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new NotDirectoryException("/srv/x"))).isFalse();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new NoSuchFileException("/srv/x"))).isFalse();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new FileSystemException("/srv/x", null, "Read-only file system")))
                .isFalse();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new FilesystemRefusal("lethe.resources.x.paths[0]: ...")))
                .isFalse();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new IOException("something"))).isFalse();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new IllegalStateException())).isFalse();
    }

    @Test
    void aDirectoryThatFilledUpWhileBeingEmptiedIsTransient() {
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new DirectoryNotEmptyException("/srv/x"))).isTrue();
    }

    @Test
    void theFlagOfATranslatedFailureAndNetworkFailuresInTheCauseChain() {
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new FilesystemFailure("x", true))).isTrue();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new FilesystemFailure("x", false))).isFalse();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new UncheckedIOException(
                new FileSystemException("/srv/x", null, "Input/output error")))).isTrue();
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new RuntimeException(new ConnectException()))).isTrue();
    }
}
