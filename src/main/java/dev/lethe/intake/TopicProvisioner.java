package dev.lethe.intake;

import dev.lethe.core.TopicsProperties;
import dev.lethe.core.SafeErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates missing topics before the listener starts and gives the dead-letter topic at least as many partitions
 * as the requests topic. Existing topics are never changed otherwise: they may belong to other teams. Where the
 * cluster does not allow it (no rights, broker down), the worker logs why and goes on.
 */
class TopicProvisioner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaAdmin kafkaAdmin;
    private final TopicsProperties topics;
    private volatile boolean running;

    TopicProvisioner(KafkaAdmin kafkaAdmin, TopicsProperties topics) {
        this.kafkaAdmin = kafkaAdmin;
        this.topics = topics;
    }

    @Override
    public void start() {
        running = true;
        if (!topics.create()) {
            return;
        }
        Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        try {
            provision(admin);
        } catch (Exception e) {
            log.warn("could not create or check topics within {}s (the worker goes on and waits for Kafka; health shows"
                    + " kafka DOWN until it answers): {}", TIMEOUT.toSeconds(), SafeErrors.describe(e));
        } finally {
            // Nothing is left to wait for: a close that waited would hold start-up another 30 s when no broker answers.
            admin.close(Duration.ZERO);
        }
    }

    private void provision(Admin admin) throws Exception {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (String name : List.of(topics.requests(), topics.deadLetter(), topics.audit())) {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, Optional.of(topics.partitions()), Optional.of(topics.replicationFactor())));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        }
        Map<String, TopicDescription> described = admin.describeTopics(List.of(topics.requests(), topics.deadLetter()))
                .allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        int requestPartitions = described.get(topics.requests()).partitions().size();
        int deadLetterPartitions = described.get(topics.deadLetter()).partitions().size();
        if (deadLetterPartitions < requestPartitions) {
            admin.createPartitions(Map.of(topics.deadLetter(), NewPartitions.increaseTo(requestPartitions)))
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            log.info("raised {} to {} partitions to match {}", topics.deadLetter(), requestPartitions, topics.requests());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers, which start in a later phase. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
