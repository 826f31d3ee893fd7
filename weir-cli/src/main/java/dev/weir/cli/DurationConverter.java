package dev.weir.cli;

import dev.weir.spec.yaml.Fields;
import picocli.CommandLine;

import java.time.Duration;

/** Reads durations as in project files: 500ms, 10s, 1m. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Fields.parseDuration(value).orElseThrow(() ->
                new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 10s, 1m)"));
    }
}
