package dev.lethe.core;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the law asks of every request ({@code lethe.compliance}).
 *
 * @param deadline how long after it was asked a request must be done (GDPR Art. 12(3): one month), counted from
 *     {@code requestedAt}, or from when Lethe first read the record when the request names no time
 */
@ConfigurationProperties("lethe.compliance")
public record ComplianceProperties(@DefaultValue("P30D") Duration deadline) {

    public ComplianceProperties {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new InvalidConfigurationException("lethe.compliance.deadline (" + deadline
                    + ") must be a positive ISO-8601 duration, such as P30D");
        }
    }

    /** When a request asked at {@code requestedAt} (null: not said) and first read at {@code receivedAt} is due. */
    public Instant dueAt(Instant requestedAt, Instant receivedAt) {
        return (requestedAt != null ? requestedAt : receivedAt).plus(deadline);
    }
}
