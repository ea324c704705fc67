package dev.lethe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.CustomSamplingContext;
import io.sentry.SamplingContext;
import io.sentry.TransactionContext;
import org.junit.jupiter.api.Test;

class RequestSamplingTests {

    private final RequestSampling sampling = new RequestSampling(0.25);

    @Test
    void samplesRequestRunsAtTheConfiguredRate() {
        assertThat(sampling.sample(context("lethe.request", false))).isEqualTo(0.25);
    }

    @Test
    void alwaysSendsASlowRequestRun() {
        assertThat(sampling.sample(context("lethe.request", true))).isEqualTo(1.0);
    }

    @Test
    void sendsNoOtherTransactionSuchAsActuatorCalls() {
        assertThat(sampling.sample(context("http.server", false))).isZero();
    }

    private static SamplingContext context(String operation, boolean slow) {
        CustomSamplingContext custom = new CustomSamplingContext();
        custom.set(RequestTraces.SLOW, slow);
        return new SamplingContext(new TransactionContext(operation, operation), custom);
    }
}
