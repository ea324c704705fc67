package dev.lethe.cleaners;

import dev.lethe.core.InvalidConfigurationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Binds a resource type's own settings from {@code lethe.resources.<name>}, beside the common ones, into the type's
 * settings record, and checks its constraints. Any problem stops start-up with one message naming
 * {@code lethe.resources.<name>.<setting>}.
 */
public final class ResourceSettings {

    private final Binder binder;
    private final Validator validator;

    public ResourceSettings(Binder binder, Validator validator) {
        this.binder = binder;
        this.validator = validator;
    }

    /** The full name of one of a resource's settings, for messages: {@code lethe.resources.<name>.<setting>}. */
    public static String name(String resource, String setting) {
        return "lethe.resources." + resource + "." + setting;
    }

    public <T> T bind(String resource, Class<T> type) {
        String prefix = "lethe.resources." + resource;
        T settings;
        try {
            // Adapted, not parsed: a resource name such as chat_messages is not a canonical property name, and
            // adapting names it the way the property sources do.
            settings = binder.bindOrCreate(ConfigurationPropertyName.adapt(prefix, '.'), Bindable.of(type), BindHandler.DEFAULT);
        } catch (BindException e) {
            String property = e.getProperty() == null ? prefix : e.getProperty().getName().toString();
            String problem = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new InvalidConfigurationException(property + ": " + firstLine(problem));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(settings);
        violations.stream().min(Comparator.comparing(violation -> violation.getPropertyPath().toString())).ifPresent(v -> {
            throw new InvalidConfigurationException(name(resource, kebab(v.getPropertyPath().toString())) + " "
                    + v.getMessage());
        });
        return settings;
    }

    private static String kebab(String propertyPath) {
        return propertyPath.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String firstLine(String message) {
        return message == null ? "cannot be bound" : message.lines().findFirst().orElse("cannot be bound");
    }
}
