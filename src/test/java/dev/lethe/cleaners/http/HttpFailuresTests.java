package dev.lethe.cleaners.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SafeErrors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which failures of an http call a retry can help, as the contract lists them. */
class HttpFailuresTests {

    private final FailureClassifier classifier = new HttpCleanerFactory(null, name -> null, null).failureClassifier();

    @Test
    void busyOrFailingServicesTimeoutsAndLostConnectionsAreTransient() {
        assertThat(classifier.isTransient(status(429))).isTrue();
        assertThat(classifier.isTransient(status(500))).isTrue();
        assertThat(classifier.isTransient(status(503))).isTrue();
        assertThat(classifier.isTransient(new HttpTimeoutException("request timed out"))).isTrue();
        assertThat(classifier.isTransient(new HttpConnectTimeoutException("connect timed out"))).isTrue();
        assertThat(classifier.isTransient(new TimeoutException())).isTrue();
        assertThat(classifier.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(classifier.isTransient(new IOException("HTTP/1.1 header parser received no bytes"))).isTrue();
        assertThat(classifier.isTransient(new InterruptedException())).isTrue();
    }

    @Test
    void otherStatusesUnreadableCountsRefusedCallsAndUntrustedPeersArePermanent() {
        assertThat(classifier.isTransient(status(400))).isFalse();
        assertThat(classifier.isTransient(status(403))).isFalse();
        assertThat(classifier.isTransient(status(301))).isFalse();
        assertThat(classifier.isTransient(HttpCallFailure.badResponse("no count", 200))).isFalse();
        assertThat(classifier.isTransient(HttpCallFailure.refused("dot segment"))).isFalse();
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        assertThat(classifier.isTransient(untrusted)).isFalse();
        assertThat(classifier.isTransient(new IllegalArgumentException())).isFalse();
        assertThat(classifier.isTransient(new IOException("wrapped", HttpCallFailure.badResponse("too large", 200))))
                .as("what the service answered decides, however the client wrapped it").isFalse();
    }

    @Test
    void aStatusFailureDescribesItselfByTheResourcesSettingMethodAndStatus() {
        HttpCallFailure failure = HttpCallFailure.status("lethe.resources.orders", "DELETE", 429, true,
                Optional.of(Duration.ofSeconds(30)));

        assertThat(SafeErrors.describe(failure))
                .isEqualTo("HttpCallFailure: lethe.resources.orders: DELETE answered HTTP 429 (transient, Retry-After 30 s)");
        assertThat(FailureClassifier.retryAfter(failure)).contains(Duration.ofSeconds(30));
    }

    private static HttpCallFailure status(int status) {
        return HttpCallFailure.status("lethe.resources.orders", "DELETE", status, status == 429 || status >= 500,
                Optional.empty());
    }
}
