package dev.lethe.testsupport;

import dev.lethe.LetheApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The whole worker on a real Kafka broker and a real PostgreSQL, with the test helpers of this package. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {LetheApplication.class, LetheTestConfiguration.class})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ActiveProfiles("it")
public @interface LetheIntegrationTest {
}
