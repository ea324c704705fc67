package dev.lethe.cli;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration as the worker's settings do: {@code 15s}, {@code 10m}, {@code 500ms} or ISO-8601 {@code PT15S}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 15s, 10m)");
        }
    }
}
