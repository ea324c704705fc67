package dev.lethe.cleaners.http;

import dev.lethe.core.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} in header values from the environment, once at start. Spring Boot has already resolved
 * the placeholders it could (from environment variables, system properties and the configuration) when the
 * settings were bound; one still there names a variable that is not set, and stops start-up naming the header's
 * setting and the variable, never a value.
 */
final class HeaderValues {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private HeaderValues() {
    }

    /**
     * @param headers header name to configured value
     * @param environment variable name to value, null when unset (such as {@code System::getenv})
     * @param setting the full name of the headers setting, for messages ({@code lethe.resources.<name>.headers})
     */
    static Map<String, String> resolve(Map<String, String> headers, Function<String, String> environment,
            String setting) {
        Map<String, String> resolved = new LinkedHashMap<>();
        headers.forEach((name, value) -> resolved.put(name, resolve(value, environment, setting + "." + name)));
        return resolved;
    }

    private static String resolve(String value, Function<String, String> environment, String setting) {
        if (value == null) {
            throw new InvalidConfigurationException(setting + " must have a value");
        }
        Matcher variables = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            if (!NAME.matcher(name).matches()) {
                throw new InvalidConfigurationException(setting + ": ${" + name + "} is not an environment variable "
                        + "name");
            }
            String found = environment.apply(name);
            if (found == null) {
                throw new InvalidConfigurationException(setting + ": the environment variable " + name + " is not set");
            }
            variables.appendReplacement(resolved, Matcher.quoteReplacement(found));
        }
        variables.appendTail(resolved);
        return resolved.toString();
    }
}
