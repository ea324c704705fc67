package dev.lethe.cleaners.filesystem;

import dev.lethe.cleaners.CleanerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code filesystem} resource type: files and directories under a root, by path template. */
@Configuration(proxyBeanMethods = false)
class FilesystemConfiguration {

    @Bean
    CleanerFactory filesystemCleanerFactory() {
        return new FilesystemCleanerFactory();
    }
}
