package dev.lethe.cleaners.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Which Kafka errors a retry can outlive. */
class KafkaFailuresTests {

    @Test
    void retriableErrorsTimeoutsAndDisconnectsAreTransient() {
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new TimeoutException("Expiring 1 record(s)"))).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new NotEnoughReplicasException("x"))).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new NotEnoughReplicasAfterAppendException("x"))).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new DisconnectException())).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new NetworkException())).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new NotLeaderOrFollowerException())).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new InterruptException(new InterruptedException()))).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new ExecutionException(new TimeoutException()))).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new KafkaException(new ConnectException()))).isTrue();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new KafkaResourceException("stopping", true))).isTrue();
    }

    @Test
    void authorizationInvalidTopicsTooLargeRecordsAndUnknownTopicsArePermanent() {
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new TopicAuthorizationException("x"))).isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new SaslAuthenticationException("x"))).isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new InvalidTopicException("x"))).isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new RecordTooLargeException("x"))).isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new UnknownTopicOrPartitionException("x")))
                .as("retriable for the client, but the topic was checked at start: it was deleted").isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new KafkaResourceException("not compacted", false))).isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new KafkaException("other"))).isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new IllegalStateException())).isFalse();
    }

    @Test
    void theFirstKafkaErrorInTheChainDecides() {
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new KafkaException(new RecordTooLargeException("x")))).isFalse();
        assertThat(KafkaFailures.CLASSIFIER.isTransient(new ExecutionException(new TopicAuthorizationException("x"))))
                .isFalse();
    }
}
