package dev.lethe.cleaners.kafka;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SafeErrors;

/**
 * A kafka resource's topic cannot be used (missing, not compacted, not to be described), or the worker is stopping.
 * The message names the resource, the setting and the topic, never a key; whether a retry can help is decided where
 * it is thrown.
 */
final class KafkaResourceException extends Exception
        implements SafeErrors.SafeMessage, FailureClassifier.TransientFailure {

    private final boolean transientFailure;

    KafkaResourceException(String message, boolean transientFailure) {
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
