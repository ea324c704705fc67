package dev.lethe.plan;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The resources to erase, by name ({@code lethe.resources}). Names are used in scopes, plans and audit events.
 *
 * @param resources each resource's settings, in the order configured
 */
@ConfigurationProperties("lethe")
public record ResourcesProperties(@DefaultValue Map<String, ResourceProperties> resources) {
}
