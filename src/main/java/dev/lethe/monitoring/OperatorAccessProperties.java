package dev.lethe.monitoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read health details ({@code lethe.monitoring.operator}): stage errors, breaker states and dependency errors
 * are for operators, while load balancers and anyone else see only the status.
 *
 * @param username the operator's user name for HTTP Basic on the actuator
 * @param password the operator's password; when unset, no caller sees details
 */
@ConfigurationProperties("lethe.monitoring.operator")
public record OperatorAccessProperties(@DefaultValue("operator") String username, String password) {

    boolean isConfigured() {
        return password != null && !password.isBlank();
    }
}
