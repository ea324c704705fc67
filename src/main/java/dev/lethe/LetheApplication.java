package dev.lethe;

import dev.lethe.cli.LetheCommands;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Starts the worker, or runs a command ({@code demo}, {@code request}) when the first argument names one.
 * Everything else is handed to Spring Boot, so {@code --spring.config.additional-location=...} and friends work.
 */
@SpringBootApplication
public class LetheApplication {

    public static void main(String[] args) {
        if (LetheCommands.isCommand(args)) {
            System.exit(LetheCommands.run(LetheApplication.class, args));
        }
        SpringApplication.run(LetheApplication.class, args);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
