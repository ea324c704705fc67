package dev.lethe.intake;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How intake reads the requests topic ({@code lethe.intake}).
 *
 * @param maxRecordBytes the largest record value accepted; a larger one is dead-lettered as RECORD_TOO_LARGE
 */
@Validated
@ConfigurationProperties("lethe.intake")
public record IntakeProperties(
        @DefaultValue("" + RequestParser.DEFAULT_MAX_RECORD_BYTES) @Positive int maxRecordBytes) {
}
