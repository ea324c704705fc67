package dev.lethe.cli;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/** The databases of {@code lethe.datasources} a selection query may run on. */
final class SelectionSources {

    private static final String PREFIX = "lethe.datasources";

    private final Map<String, SelectionSource> sources;

    SelectionSources(Binder binder) {
        this.sources = new TreeMap<>(binder.bind(PREFIX, Bindable.mapOf(String.class, SelectionSource.class))
                .orElse(Map.of()));
    }

    /** The datasource named, or the only one configured. */
    String resolve(String name) {
        if (name != null) {
            if (!sources.containsKey(name)) {
                throw new IllegalArgumentException("--datasource " + name + " is not configured (" + PREFIX + ": "
                        + (sources.isEmpty() ? "none" : String.join(", ", sources.keySet())) + ")");
            }
            return name;
        }
        if (sources.size() != 1) {
            throw new IllegalArgumentException("--select needs --datasource: " + PREFIX + " configures "
                    + (sources.isEmpty() ? "none" : String.join(", ", sources.keySet())));
        }
        return sources.keySet().iterator().next();
    }

    SelectionSource get(String name) {
        return sources.get(name);
    }
}
