package dev.lethe.cleaners.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.core.SafeErrors;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures a retry can help with, and what the worker may say about them. */
class RedisFailuresTests {

    private final dev.lethe.cleaners.FailureClassifier classifier = new RedisCleanerFactory(null, null).failureClassifier();

    @ParameterizedTest
    @ValueSource(strings = {
            "LOADING Redis is loading the dataset in memory",
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
            "TRYAGAIN Multiple keys request during rehashing of slot",
            "CLUSTERDOWN The cluster is down",
            "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
            "READONLY You can't write against a read only replica."})
    void aBusyOrUnavailableServerIsTransient(String reply) {
        assertThat(classifier.isTransient(new RedisCommandExecutionException(reply))).isTrue();
        assertThat(classifier.isTransient(RedisCallFailure.of("lethe.resources.s.keys[0]",
                new RedisCommandExecutionException(reply)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "WRONGTYPE Operation against a key holding the wrong kind of value",
            "NOAUTH Authentication required.",
            "WRONGPASS invalid username-password pair or user is disabled.",
            "NOPERM this user has no permissions to access one of the keys used as arguments",
            "ERR unknown command 'UNLINK'",
            "BUSYGROUP Consumer Group name already exists",
            "something without a code"})
    void anyOtherReplyIsPermanent(String reply) {
        assertThat(classifier.isTransient(new RedisCommandExecutionException(reply))).isFalse();
        assertThat(classifier.isTransient(RedisCallFailure.of("lethe.resources.s.keys[0]",
                new RedisCommandExecutionException(reply)))).isFalse();
    }

    @Test
    void lostRefusedOrSlowConnectionsAreTransient() {
        assertThat(classifier.isTransient(new RedisConnectionException("Unable to connect to 127.0.0.1:6379",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(classifier.isTransient(new RedisCommandTimeoutException("Command timed out after 1 minute(s)")))
                .isTrue();
        assertThat(classifier.isTransient(new RedisCommandInterruptedException(new InterruptedException()))).isTrue();
        assertThat(classifier.isTransient(new RedisException("Connection closed"))).isTrue();
        assertThat(classifier.isTransient(new RedisException("Connection disconnected"))).isTrue();
        assertThat(classifier.isTransient(new RedisException("Request queue size exceeded: 100"))).isTrue();
        assertThat(classifier.isTransient(new RedisException("Currently not connected. Commands are rejected.")))
                .isTrue();
        assertThat(classifier.isTransient(new TimeoutException())).as("the call's time limit").isTrue();
        assertThat(classifier.isTransient(new RedisLoadingException("LOADING"))).isTrue();
        assertThat(classifier.isTransient(new RedisBusyException("BUSY"))).isTrue();
    }

    @Test
    void refusedCredentialsArePermanentThoughReportedAsAConnectionFailure() {
        var refused = new RedisConnectionException("Unable to connect to 127.0.0.1:6379",
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));

        assertThat(classifier.isTransient(refused)).isFalse();
        assertThat(RedisCallFailure.of("lethe.resources.s.redis (lethe.redis.cache)", refused))
                .hasMessage("lethe.resources.s.redis (lethe.redis.cache): Redis replied WRONGPASS");
    }

    @Test
    void otherFailuresArePermanent() {
        assertThat(classifier.isTransient(new IllegalStateException())).isFalse();
    }

    @Test
    void whatTheWorkerSaysNamesTheSettingAndTheCodeButNeverTheReplyText() {
        var failure = RedisCallFailure.of("lethe.resources.s.hash-fields[0]",
                new RedisCommandExecutionException("NOPERM No permissions to access the 'user:secret-7' key"));

        assertThat(failure).hasMessage("lethe.resources.s.hash-fields[0]: Redis replied NOPERM").hasNoCause();
        assertThat(SafeErrors.describe(failure))
                .isEqualTo("RedisCallFailure: lethe.resources.s.hash-fields[0]: Redis replied NOPERM");
        var down = RedisCallFailure.of("lethe.resources.s.redis (lethe.redis.cache)",
                new RedisConnectionException("Unable to connect to cache/10.0.0.1:6379 as user:secret-7",
                        new ConnectException("Connection refused")));
        assertThat(down.isTransient()).isTrue();
        assertThat(down).hasMessage("lethe.resources.s.redis (lethe.redis.cache): Redis unavailable "
                + "(RedisConnectionException < ConnectException)");
    }
}
