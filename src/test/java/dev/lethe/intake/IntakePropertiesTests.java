package dev.lethe.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class IntakePropertiesTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void defaultsTo64KiB() {
        context.run(started -> assertThat(started.getBean(IntakeProperties.class).maxRecordBytes()).isEqualTo(65_536));
    }

    @Test
    void bindsTheLimitBesideTheListenerSwitch() {
        context.withPropertyValues("lethe.intake.max-record-bytes=1024", "lethe.intake.auto-startup=false")
                .run(started -> assertThat(started.getBean(IntakeProperties.class).maxRecordBytes()).isEqualTo(1024));
    }

    @Test
    void refusesALimitBelowOneByteAtStart() {
        context.withPropertyValues("lethe.intake.max-record-bytes=0").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("maxRecordBytes");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IntakeProperties.class)
    static class Binding {
    }
}
