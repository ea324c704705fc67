package dev.lethe.ledger;

import static dev.lethe.ledger.TaskStatus.COMPLETED;
import static dev.lethe.ledger.TaskStatus.FAILED;
import static dev.lethe.ledger.TaskStatus.PENDING;
import static dev.lethe.ledger.TaskStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks a, b, c where b depends on a and c on b, as their waiting_on counters show it. */
class RequestProgressTests {

    @Test
    void hasNotEndedWhileATaskRuns() {
        assertThat(RequestProgress.of(List.of(task("a", COMPLETED, 0), task("b", RUNNING, 0), task("c", PENDING, 1))).ended())
                .isFalse();
    }

    @Test
    void hasNotEndedWhileAPendingTaskIsReady() {
        assertThat(RequestProgress.of(List.of(task("a", COMPLETED, 0), task("b", PENDING, 0), task("c", PENDING, 1))).ended())
                .isFalse();
    }

    @Test
    void succeedsWhenEveryTaskCompleted() {
        RequestProgress progress = RequestProgress.of(List.of(task("a", COMPLETED, 0), task("b", COMPLETED, 0), task("c", COMPLETED, 0)));

        assertThat(progress.succeeded()).isTrue();
        assertThat(progress.failed()).isEmpty();
    }

    @Test
    void endsWhenWhatIsLeftWaitsOnAFailedTaskEvenThroughOthers() {
        RequestProgress progress = RequestProgress.of(List.of(task("a", FAILED, 0), task("b", PENDING, 1), task("c", PENDING, 1)));

        assertThat(progress.ended()).isTrue();
        assertThat(progress.succeeded()).isFalse();
        assertThat(progress.failed()).containsExactly("a");
        assertThat(progress.notRun()).containsExactly("b", "c");
    }

    @Test
    void waitsForIndependentTasksAfterAFailure() {
        RequestProgress progress = RequestProgress.of(List.of(task("a", FAILED, 0), task("b", PENDING, 1), task("c", PENDING, 0)));

        assertThat(progress.ended()).as("c does not depend on a and can still run").isFalse();
    }

    private static LedgerTask task(String resource, TaskStatus status, int waitingOn) {
        return new LedgerTask("r", resource, 0, status, 1, 0, waitingOn, null, null, null, null, null, null, null, null);
    }
}
