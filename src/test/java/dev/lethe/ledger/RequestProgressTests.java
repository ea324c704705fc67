package dev.lethe.ledger;

import static dev.lethe.ledger.TaskStatus.COMPLETED;
import static dev.lethe.ledger.TaskStatus.FAILED;
import static dev.lethe.ledger.TaskStatus.PENDING;
import static dev.lethe.ledger.TaskStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestProgressTests {

    private static final Map<String, Set<String>> CHAIN = Map.of("b", Set.of("a"), "c", Set.of("b"));

    @Test
    void hasNotEndedWhileATaskRuns() {
        assertThat(RequestProgress.of(tasks(COMPLETED, RUNNING, PENDING), CHAIN).ended()).isFalse();
    }

    @Test
    void hasNotEndedWhileAPendingTaskCanStillRun() {
        assertThat(RequestProgress.of(tasks(COMPLETED, PENDING, PENDING), CHAIN).ended()).isFalse();
    }

    @Test
    void succeedsWhenEveryTaskCompleted() {
        RequestProgress progress = RequestProgress.of(tasks(COMPLETED, COMPLETED, COMPLETED), CHAIN);

        assertThat(progress.succeeded()).isTrue();
        assertThat(progress.failed()).isEmpty();
    }

    @Test
    void endsWhenWhatIsLeftWaitsOnAFailedTaskEvenThroughOthers() {
        RequestProgress progress = RequestProgress.of(tasks(FAILED, PENDING, PENDING), CHAIN);

        assertThat(progress.ended()).isTrue();
        assertThat(progress.succeeded()).isFalse();
        assertThat(progress.failed()).containsExactly("a");
        assertThat(progress.notRun()).containsExactly("b", "c");
    }

    @Test
    void waitsForIndependentTasksAfterAFailure() {
        RequestProgress progress = RequestProgress.of(tasks(FAILED, PENDING, PENDING), Map.of("b", Set.of("a")));

        assertThat(progress.ended()).as("c does not depend on a and can still run").isFalse();
    }

    private static List<LedgerTask> tasks(TaskStatus a, TaskStatus b, TaskStatus c) {
        return List.of(task("a", 0, a), task("b", 1, b), task("c", 2, c));
    }

    private static LedgerTask task(String resource, int position, TaskStatus status) {
        return new LedgerTask("r", resource, position, status, 1, 0, null, null, null, null, null, null, null, null);
    }
}
