package dev.lethe.core;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a stage that keeps retrying counts as stalled ({@code lethe.monitoring}).
 *
 * @param stallThreshold how long a stage may fail every round before health reports it DOWN and it is logged as stalled
 */
@ConfigurationProperties("lethe.monitoring")
public record StageHealthProperties(@DefaultValue("60s") Duration stallThreshold) {
}
