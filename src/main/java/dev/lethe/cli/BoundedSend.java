package dev.lethe.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends one record and waits for the cluster's acknowledgement, within a bound. Kafka's producer would otherwise wait
 * 60 s for a cluster it cannot reach (max.block.ms) and then two minutes more for the acknowledgement.
 */
final class BoundedSend {

    private BoundedSend() {
    }

    /** @throws IllegalStateException one line, naming the cluster and the request id, when no acknowledgement came */
    static void send(Map<String, Object> producerProperties, String topic, byte[] key, byte[] value, Duration bound,
            String requestId) {
        Map<String, Object> config = new HashMap<>(producerProperties);
        int millis = (int) Math.min(Integer.MAX_VALUE, bound.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        // One record: nothing to batch, and Kafka refuses a delivery timeout shorter than linger plus request timeout.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(millis, TimeUnit.MILLISECONDS);
            producer.close();
        } catch (ExecutionException | TimeoutException e) {
            producer.close(Duration.ZERO);
            throw unacknowledged(config, bound, requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.close(Duration.ZERO);
            throw unacknowledged(config, bound, requestId);
        }
    }

    private static IllegalStateException unacknowledged(Map<String, Object> config, Duration bound, String requestId) {
        return new IllegalStateException("Kafka (" + config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                + ") did not acknowledge request " + requestId + " within " + bound.toSeconds() + "s: it was not sent, or"
                + " not confirmed; sending it again with --request-id " + requestId + " is safe");
    }
}
