package dev.lethe.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import dev.lethe.core.TopicsProperties;
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
        HikariDataSource dataSource = DataSourceBuilder.create().type(HikariDataSource.class).url(url).username(user)
                .password(password).build();
        // Hikari keeps maximumPoolSize (10) connections open by default, in every cached test context: with many
        // contexts the tests ran PostgreSQL out of its 100 connections. The test helper needs few, and none when idle.
        dataSource.setMaximumPoolSize(4);
        dataSource.setMinimumIdle(0);
        dataSource.setIdleTimeout(10_000);
        return new AppDatabase(dataSource);
    }
}
