package dev.lethe.intake;

import dev.lethe.core.DeletionRequest;
import dev.lethe.core.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The grace period of requests that name no {@code executeAfter} ({@code lethe.compliance.grace-period}). Binds only
 * its own name under {@code lethe.compliance}, so other compliance settings live in records of their own.
 *
 * @param gracePeriod how long after Lethe first read a request its tasks may start (ISO-8601 or Spring's {@code 7d});
 *     a cancel record can still stop it until then. Zero, the default: none
 */
@Validated
@ConfigurationProperties("lethe.compliance")
public record GracePeriodProperties(@DefaultValue("0s") Duration gracePeriod) {

    public GracePeriodProperties {
        if (gracePeriod.isNegative()) {
            throw new InvalidConfigurationException("lethe.compliance.grace-period (" + gracePeriod + ") must not be negative");
        }
    }

    /**
     * When the request's tasks may start: its own {@code executeAfter}, else the grace period counted from when it was
     * received (first read by Lethe: requestedAt is the sender's clock and may be far in the past), else null (none).
     */
    public Instant executeAfter(DeletionRequest request, Instant receivedAt) {
        if (request.executeAfter() != null) {
            return request.executeAfter();
        }
        return gracePeriod.isZero() ? null : receivedAt.plus(gracePeriod);
    }
}
