package dev.lethe.core;

/** Configuration that cannot work; start-up stops with this message, which names the setting or resource. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public static InvalidConfigurationException forResource(String resource, String problem) {
        return new InvalidConfigurationException("lethe.resources." + resource + ": " + problem);
    }
}
