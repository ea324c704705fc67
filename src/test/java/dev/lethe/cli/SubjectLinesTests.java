package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.core.DeletionRequest.Subject;
import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SubjectLinesTests {

    @Test
    void readsPlainIdsAndJsonLinesSkippingBlankLinesWithTheDefaultsWhereALineGivesNone() throws Exception {
        BulkInput input = read("""
                 1001\r

                {"id": "u-7", "type": "member", "tenant": "acme"}
                {"id": 42}
                """);

        assertThat(input.problems()).isEmpty();
        assertThat(input.subjects()).extracting(BulkSubject::place).containsExactly("line 1", "line 3", "line 4");
        assertThat(input.subjects()).extracting(BulkSubject::subject).containsExactly(
                new Subject("user", "1001", "default-tenant"), new Subject("member", "u-7", "acme"),
                new Subject("user", "42", "default-tenant"));
    }

    @Test
    void reportsEachBadJsonLineByItsNumberAndNeverItsContent() throws Exception {
        BulkInput input = read("""
                {"id": "secret-1",
                {"id": "secret-2", "id": "secret-3"}
                {"id": "secret-4", "email": "secret@example.com"}
                {"type": "user"}
                {"id": "secret-5", "tenant": 7}
                secret-6
                """);

        assertThat(input.problems()).hasSize(5).allSatisfy(problem -> assertThat(problem).doesNotContain("secret"))
                .extracting(problem -> problem.substring(0, problem.indexOf(':')))
                .containsExactly("line 1", "line 2", "line 3", "line 4", "line 5");
        assertThat(input.subjects()).extracting(BulkSubject::place).containsExactly("line 6");
    }

    private static BulkInput read(String text) throws Exception {
        return new SubjectLines("user", "default-tenant").read(new BufferedReader(new StringReader(text)));
    }
}
