package dev.lethe.cli;

import dev.lethe.audit.SubjectKeyCheck;
import dev.lethe.audit.SubjectRef;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.core.TopicsProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The worker's configuration, read the way the worker reads it (contract, "Running"): the jar's application.yml, the
 * profiles, {@code --spring.config.additional-location}, environment variables and {@code --name=value} arguments, by
 * Spring Boot's own config-data loading. Without a Spring context: a command starts in a fraction of a second and
 * creates no beans, so it never opens the worker's connections or starts its loops.
 */
public final class WorkerSettings {

    private final ConfigurableEnvironment environment;
    private final Binder binder;

    private WorkerSettings(ConfigurableEnvironment environment) {
        this.environment = environment;
        this.binder = Binder.get(environment);
    }

    /**
     * @param springArguments {@code --name=value} arguments, Spring Boot's command-line properties
     * @throws IllegalArgumentException naming an argument that is not of that form
     */
    public static WorkerSettings load(List<String> springArguments) {
        for (String argument : springArguments) {
            if (!argument.startsWith("--") || argument.indexOf('=') < 3) {
                throw new IllegalArgumentException("Unknown option: '" + argument + "' (settings are given as --name=value)");
            }
        }
        StandardEnvironment environment = new StandardEnvironment();
        if (!springArguments.isEmpty()) {
            environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(springArguments.toArray(String[]::new)));
        }
        ConfigurationPropertySources.attach(environment);
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return new WorkerSettings(environment);
    }

    public Binder binder() {
        return binder;
    }

    public <T> T bind(String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, Bindable.of(type));
    }

    public Optional<String> property(String name) {
        return Optional.ofNullable(environment.getProperty(name)).filter(value -> !value.isBlank());
    }

    /**
     * The worker's subjectRef function. The key is checked as the worker checks it at start: a command must not
     * compute refs with a key the worker would refuse (they would match nothing).
     *
     * @throws IllegalArgumentException naming {@code lethe.audit.subject-key} and {@code LETHE_SUBJECT_KEY}
     */
    public SubjectRef subjectRefs() {
        try {
            return new SubjectRef(SubjectKeyCheck.validated(environment.getProperty("lethe.audit.subject-key")));
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public TopicsProperties topics() {
        return bind("lethe.topics", TopicsProperties.class);
    }

    /** {@code spring.kafka.*} as the worker binds it (servers, security, SSL, SASL, client id, extra properties). */
    public KafkaProperties kafka() {
        return bind("spring.kafka", KafkaProperties.class);
    }

    /** A producer of bytes as the worker's configuration sets it up, acknowledged by all in-sync replicas. */
    public Map<String, Object> producerProperties(String bootstrapOverride) {
        Map<String, Object> properties = new HashMap<>(kafka().buildProducerProperties());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        overrideServers(properties, bootstrapOverride);
        return properties;
    }

    /**
     * A consumer of bytes as the worker's configuration sets it up, without a consumer group: commands read topics by
     * assigning partitions, so they never take partitions from the workers or commit offsets.
     */
    public Map<String, Object> consumerProperties(String bootstrapOverride) {
        Map<String, Object> properties = new HashMap<>(kafka().buildConsumerProperties());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrideServers(properties, bootstrapOverride);
        return properties;
    }

    private static void overrideServers(Map<String, Object> properties, String bootstrapOverride) {
        if (bootstrapOverride != null && !bootstrapOverride.isBlank()) {
            properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapOverride);
        }
    }
}
