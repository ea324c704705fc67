package dev.lethe.cleaners.kafka;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.DeletionRequest.Mode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Forgets a subject in a compacted topic: HARD writes a tombstone (the key, a null value) and waits until every
 * in-sync replica has it; compaction then removes the key's earlier records. The key is the template's expansion,
 * verbatim as UTF-8: one exact key. Several subjects are sent together, then waited for together. Every call first
 * asks the cluster whether the topic still exists and is compacted (one admin request): a producer would otherwise
 * write into a topic deleted since start-up, which a broker with {@code auto.create.topics.enable} recreates without
 * compaction.
 */
final class KafkaTombstoneCleaner implements Cleaner.Batched {

    private final String resource;
    private final String topic;
    private final SubjectTemplate key;
    private final KafkaClients clients;
    private final KafkaClients.Clients cluster;
    private final CompactedTopic check;

    KafkaTombstoneCleaner(String resource, String topic, SubjectTemplate key, KafkaClients clients,
            KafkaClients.Clients cluster, CompactedTopic check) {
        this.resource = resource;
        this.topic = topic;
        this.key = key;
        this.clients = clients;
        this.cluster = cluster;
        this.check = check;
    }

    /** Sends every HARD command's tombstone, then waits for all their acknowledgements (one flush). */
    @Override
    public List<Long> cleanAll(List<CleanCommand> commands) throws Exception {
        if (commands.stream().allMatch(command -> command.mode() == Mode.SOFT)) {
            return commands.stream().map(command -> 0L).toList(); // never asked: SOFT skips this type
        }
        if (clients.isClosed()) {
            throw new KafkaResourceException("lethe.resources." + resource + ": the worker is stopping", true);
        }
        check.check(cluster.admin(), cluster.timeouts().check());
        List<Long> items = new ArrayList<>(commands.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (CleanCommand command : commands) {
            if (command.mode() == Mode.SOFT) {
                items.add(0L);
            } else if (command.dryRun()) {
                items.add(1L); // the tombstone a run would write: whether the key has records cannot be known
            } else {
                byte[] bytes = key.expand(command.subject()).getBytes(StandardCharsets.UTF_8);
                acks.add(cluster.producer().send(new ProducerRecord<>(topic, bytes, null)));
                items.add(1L);
            }
        }
        if (!acks.isEmpty()) {
            cluster.producer().flush();
            for (Future<RecordMetadata> ack : acks) {
                await(ack);
            }
        }
        return items;
    }

    private void await(Future<RecordMetadata> ack) throws Exception {
        try {
            ack.get(cluster.timeouts().delivery().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public boolean supportsSoftDelete() {
        return false;
    }
}
