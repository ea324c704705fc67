package dev.lethe.cleaners.s3;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes {@code type: s3} cleaners: settings and prefix checked, one S3 client per resource. */
final class S3CleanerFactory implements CleanerFactory {

    /**
     * Loggers of the AWS SDK and its HTTP client that write request lines, canonical requests or bodies at DEBUG:
     * S3 keys and prefixes, which hold subject values.
     */
    static final List<String> KEY_LOGGERS = List.of(
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
            "software.amazon.awssdk.request", "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.impl.classic.MainClientExec");

    private static final Logger log = LoggerFactory.getLogger(S3CleanerFactory.class);

    private final AtomicBoolean loggingChecked = new AtomicBoolean();
    private final S3Clients clients;
    private final ResilienceSettings defaults;

    S3CleanerFactory(S3Clients clients, ResilienceSettings defaults) {
        this.clients = clients;
        this.defaults = defaults;
    }

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        S3Settings settings = bound.bind(resource.name(), S3Settings.class);
        if (loggingChecked.compareAndSet(false, true)) {
            warnOfKeyLogging();
        }
        S3Prefix prefix = S3Prefix.parse(settings.prefix(), ResourceSettings.name(resource.name(), "prefix"));
        ResilienceSettings resilience = resource.settings().resilience().orElse(defaults);
        return new S3Cleaner(resource.name(), clients.create(resource.name(), settings, resilience.callTimeout()),
                settings.bucket(), prefix, S3Cleaner.MAX_BATCH);
    }

    private static void warnOfKeyLogging() {
        List<String> logging = KEY_LOGGERS.stream().filter(name -> LoggerFactory.getLogger(name).isDebugEnabled()).toList();
        if (!logging.isEmpty()) {
            log.warn("DEBUG logging is on for {}: they log S3 keys and prefixes, which hold subject values; keep "
                    + "software.amazon.awssdk and org.apache.hc at INFO", logging);
        }
    }

    @Override
    public FailureClassifier failureClassifier() {
        return S3Failures.CLASSIFIER;
    }
}
