package dev.lethe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTransitionTests {

    @Test
    void finalRequestsNeverMoveAgain() {
        for (RequestStatus next : RequestStatus.values()) {
            assertThat(RequestStatus.COMPLETED.canMoveTo(next)).isFalse();
            assertThat(RequestStatus.REJECTED.canMoveTo(next)).isFalse();
        }
        assertThat(RequestStatus.COMPLETED.isFinal()).isTrue();
        assertThat(RequestStatus.FAILED.isFinal()).isFalse();
    }

    @Test
    void onlyAFailedRequestRunsAgain() {
        assertThat(RequestStatus.FAILED.canMoveTo(RequestStatus.RECEIVED)).isTrue();
        assertThat(RequestStatus.RUNNING.canMoveTo(RequestStatus.RECEIVED)).isFalse();
    }

    @Test
    void completedTasksStayCompleted() {
        for (TaskStatus next : TaskStatus.values()) {
            assertThat(TaskStatus.COMPLETED.canMoveTo(next)).isFalse();
        }
        assertThat(TaskStatus.FAILED.canMoveTo(TaskStatus.PENDING)).as("replay").isTrue();
        assertThat(TaskStatus.RUNNING.canMoveTo(TaskStatus.PENDING)).as("retry, expired lease").isTrue();
    }

    @Test
    void onlyARequestNotYetEndedIsCancelledAndACancelledOneIsFinal() {
        assertThat(RequestStatus.RECEIVED.canMoveTo(RequestStatus.CANCELLED)).isTrue();
        assertThat(RequestStatus.RUNNING.canMoveTo(RequestStatus.CANCELLED)).isTrue();
        assertThat(RequestStatus.FAILED.canMoveTo(RequestStatus.CANCELLED)).as("tasks of a failed request ran").isFalse();
        assertThat(RequestStatus.CANCELLED.isFinal()).isTrue();
        assertThat(TaskStatus.PENDING.canMoveTo(TaskStatus.CANCELLED)).isTrue();
        assertThat(TaskStatus.RUNNING.canMoveTo(TaskStatus.CANCELLED)).as("a started task is never cancelled").isFalse();
        for (TaskStatus next : TaskStatus.values()) {
            assertThat(TaskStatus.CANCELLED.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void anExpiredLeaseIsReleasedNotTakenOver() {
        assertThat(TaskStatus.RUNNING.canMoveTo(TaskStatus.RUNNING)).isFalse();
    }

    @Test
    void aTaskIsPlannedPendingClaimedOrSkipped() {
        assertThat(TaskStatus.PENDING.canStartIn()).isTrue();
        assertThat(TaskStatus.RUNNING.canStartIn()).as("ready, claimed for the planning worker's runner").isTrue();
        assertThat(TaskStatus.FAILED.canStartIn()).isFalse();
        assertThat(TaskStatus.COMPLETED.canStartIn()).as("nothing to do, outcome SKIPPED").isTrue();
        assertThat(TaskStatus.PENDING.canMoveTo(TaskStatus.COMPLETED)).as("only a claimed task completes").isFalse();
        assertThat(RequestStatus.RECEIVED.canStartIn()).isTrue();
        assertThat(RequestStatus.RUNNING.canStartIn()).isFalse();
    }
}
