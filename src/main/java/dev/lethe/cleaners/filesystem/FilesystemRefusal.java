package dev.lethe.cleaners.filesystem;

import dev.lethe.core.SafeErrors;
import java.io.IOException;

/**
 * A call that would leave {@code root}, follow a symbolic link or otherwise cannot be done safely: nothing was
 * removed, and retrying cannot help (permanent). The message names the resource and the setting, never a path or a
 * value built from the subject.
 */
final class FilesystemRefusal extends IOException implements SafeErrors.SafeMessage {

    FilesystemRefusal(String message) {
        super(message);
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }
}
