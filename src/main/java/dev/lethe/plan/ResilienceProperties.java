package dev.lethe.plan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults for every resource's call protection ({@code lethe.resilience.*}); see {@link ResilienceSettings}.
 *
 * @param resilience the defaults; unset values take {@link ResilienceSettings#BUILT_IN}
 */
@ConfigurationProperties("lethe")
public record ResilienceProperties(@DefaultValue ResilienceSettings resilience) {

    public ResilienceSettings defaults() {
        return resilience.orElse(ResilienceSettings.BUILT_IN);
    }
}
