package dev.lethe.audit;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit trail and the outbox relay that publishes it.
 *
 * @param subjectKey HMAC key for subjectRef; required, at least 32 bytes ({@link SubjectKeyCheck}): the compliance team
 *     needs it to find a subject's events, and nobody else may be able to recompute them
 * @param relayBatchSize how many outbox rows the relay publishes per round
 * @param relayInterval how long the relay waits for new rows when the outbox is empty
 */
@Validated
@ConfigurationProperties("lethe.audit")
public record AuditProperties(
        String subjectKey,
        @DefaultValue("500") @Min(1) int relayBatchSize,
        @DefaultValue("200ms") Duration relayInterval) {

    public AuditProperties {
        SubjectKeyCheck.validated(subjectKey);
    }
}
