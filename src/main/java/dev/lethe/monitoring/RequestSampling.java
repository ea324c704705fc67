package dev.lethe.monitoring;

import io.sentry.SamplingContext;
import io.sentry.SentryOptions;

/**
 * Which Sentry transactions are sent: request runs at {@code sentry.traces-sample-rate}, slow ones always, and
 * nothing else. Without it, setting a sample rate would also trace every actuator call (health checks, Prometheus
 * scrapes), which Sentry's web integration turns into transactions.
 */
class RequestSampling implements SentryOptions.TracesSamplerCallback {

    private final double sampleRate;

    /** @param sampleRate {@code sentry.traces-sample-rate} */
    RequestSampling(double sampleRate) {
        this.sampleRate = sampleRate;
    }

    @Override
    public Double sample(SamplingContext context) {
        if (!RequestTraces.REQUEST_OPERATION.equals(context.getTransactionContext().getOperation())) {
            return 0.0;
        }
        boolean slow = context.getCustomSamplingContext() != null
                && Boolean.TRUE.equals(context.getCustomSamplingContext().get(RequestTraces.SLOW));
        return slow ? 1.0 : sampleRate;
    }
}
