package dev.lethe.testsupport;

import dev.lethe.core.TopicsProperties;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/** Test-side helpers bound to one test context's topics and databases. */
@TestConfiguration(proxyBeanMethods = false)
public class LetheTestConfiguration {

    @Bean(destroyMethod = "close")
    AuditLog auditLog(@Value("${spring.kafka.bootstrap-servers}") String servers, TopicsProperties topics) {
        return new AuditLog(servers, topics.audit());
    }

    @Bean(destroyMethod = "close")
    DeadLetterLog deadLetterLog(@Value("${spring.kafka.bootstrap-servers}") String servers, TopicsProperties topics) {
        return new DeadLetterLog(servers, topics.deadLetter());
    }

    @Bean
    RequestSender requestSender(KafkaTemplate<byte[], byte[]> kafka, TopicsProperties topics) {
        return new RequestSender(kafka, topics.requests());
    }

    @Bean
    IntakeProgress intakeProgress(@Value("${spring.kafka.bootstrap-servers}") String servers, TopicsProperties topics,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return new IntakeProgress(servers, topics.requests(), group);
    }

    @Bean
    AppDatabase appDatabase(@Value("${lethe.datasources.app.url}") String url,
            @Value("${lethe.datasources.app.username}") String user,
            @Value("${lethe.datasources.app.password:}") String password) {
        DataSource dataSource = DataSourceBuilder.create().url(url).username(user).password(password).build();
        return new AppDatabase(dataSource);
    }
}
