package dev.lethe.cleaners.kafka;

import dev.lethe.cleaners.FailureClassifier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The kafka type's failures. The first Kafka error in the cause chain decides. Transient: the client's
 * {@link RetriableException}s (timeouts, {@code NotEnoughReplicas*}, disconnects, leader changes), an interrupted
 * call, a stopping worker, and every network failure. Permanent: authorization and authentication, an invalid topic,
 * a record too large, an unknown topic (it was checked at start: it has been deleted since), an unsupported version,
 * a topic that is not compacted, anything else.
 */
final class KafkaFailures {

    static final FailureClassifier CLASSIFIER = ((FailureClassifier) KafkaFailures::isTransientKafka).orNetwork();

    private KafkaFailures() {
    }

    private static boolean isTransientKafka(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            Boolean verdict = verdict(current);
            if (verdict != null) {
                return verdict;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    /** True or false where this error decides, null where its cause may. */
    private static Boolean verdict(Throwable error) {
        if (error instanceof KafkaResourceException resource) {
            return resource.isTransient();
        }
        if (error instanceof UnknownTopicOrPartitionException || error instanceof AuthorizationException
                || error instanceof AuthenticationException || error instanceof InvalidConfigurationException
                || error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof SerializationException || error instanceof UnsupportedVersionException) {
            return false;
        }
        if (error instanceof RetriableException || error instanceof InterruptException) {
            return true;
        }
        return null;
    }
}
