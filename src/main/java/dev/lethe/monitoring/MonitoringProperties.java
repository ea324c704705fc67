package dev.lethe.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What Lethe reports about its own work ({@code lethe.monitoring}; the stall threshold is bound beside it, see
 * {@code StageHealthProperties}).
 *
 * @param slowRequest a request whose run (from its acceptance to its terminal event) takes longer is flagged
 *     {@code slow=true} in Sentry and its transaction is always sent, whatever {@code sentry.traces-sample-rate} says
 */
@ConfigurationProperties("lethe.monitoring")
public record MonitoringProperties(@DefaultValue("2s") Duration slowRequest) {
}
