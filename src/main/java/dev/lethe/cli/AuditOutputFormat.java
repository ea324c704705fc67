package dev.lethe.cli;

import dev.lethe.audit.AuditRecord;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** How {@code lethe audit} writes the events it selected. */
enum AuditOutputFormat {

    /** One readable line per event. */
    TEXT,
    /** The event's JSON as on the topic, one per line. */
    JSONL,
    /** A header and fixed columns ({@link AuditCsvLine#COLUMNS}), RFC 4180. */
    CSV;

    /** What comes before the first event. */
    String header() {
        return this == CSV ? AuditCsvLine.header() : "";
    }

    /** The event, with its line ending. */
    String format(AuditRecord record) {
        return switch (this) {
            case TEXT -> AuditTextLine.of(record.event()) + "\n";
            case JSONL -> oneLine(record) + "\n";
            case CSV -> AuditCsvLine.of(record.event());
        };
    }

    /**
     * The bytes as written, unless they hold a line break (JSON allows one between tokens): a line per event is the
     * format's promise, so such an event is written compactly instead.
     */
    private static String oneLine(AuditRecord record) {
        return record.json().indexOf('\n') < 0 && record.json().indexOf('\r') < 0 ? record.json() : record.event().toString();
    }

    /** {@code --format text|jsonl|csv}, in any case. */
    static final class Converter implements ITypeConverter<AuditOutputFormat> {
        @Override
        public AuditOutputFormat convert(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected one of "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT) + " but was '" + value + "'");
            }
        }
    }
}
