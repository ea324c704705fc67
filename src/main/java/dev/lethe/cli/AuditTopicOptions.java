package dev.lethe.cli;

import dev.lethe.audit.AuditTopicReader;
import picocli.CommandLine.Option;

/**
 * Where the audit topic is, for {@code lethe audit} and its subcommands ({@code verify}, {@code receipt}): the
 * worker's configuration, unless these options say otherwise.
 */
final class AuditTopicOptions {

    @Option(names = "--bootstrap-servers", description = "Kafka cluster (default: spring.kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--topic", description = "Audit topic (default: lethe.topics.audit)")
    String topic;

    String topic(WorkerSettings settings) {
        return ConfiguredCommand.either(topic, settings.topics().audit());
    }

    AuditTopicReader reader(WorkerSettings settings) {
        return new AuditTopicReader(settings.consumerProperties(bootstrapServers), topic(settings));
    }
}
