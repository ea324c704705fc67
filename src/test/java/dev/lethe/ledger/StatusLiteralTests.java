package dev.lethe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source spells a status in SQL: every statement takes the names from the enums (through {@link StatusMove} or
 * {@link StatusSql}), so renaming or removing a status cannot leave a statement behind. The migrations are history
 * and are not read.
 */
class StatusLiteralTests {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String NAMES = Stream.of(RequestStatus.values(), TaskStatus.values()).flatMap(Arrays::stream)
            .map(Enum::name).distinct().collect(Collectors.joining("|"));

    @Test
    void noSourceQuotesAStatusForSql() throws IOException {
        Pattern sqlLiteral = Pattern.compile("'(" + NAMES + ")'");
        assertThat(offending(javaFiles(SOURCES), sqlLiteral)).isEmpty();
    }

    @Test
    void theLedgerNeverSpellsAStatusAsAJavaString() throws IOException {
        Pattern javaString = Pattern.compile("\"(" + NAMES + ")\"");
        assertThat(offending(javaFiles(SOURCES.resolve("dev/lethe/ledger")), javaString)).isEmpty();
        assertThat(offending(javaFiles(SOURCES.resolve("dev/lethe/monitoring")), javaString)).isEmpty();
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> java = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(java).as("sources under " + root.toAbsolutePath()).isNotEmpty();
            return java;
        }
    }

    private static List<String> offending(List<Path> files, Pattern pattern) {
        return files.stream().flatMap(file -> {
            try {
                List<String> lines = Files.readAllLines(file);
                return java.util.stream.IntStream.range(0, lines.size())
                        .filter(i -> pattern.matcher(lines.get(i)).find())
                        .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
