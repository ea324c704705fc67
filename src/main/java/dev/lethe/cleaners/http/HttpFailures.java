package dev.lethe.cleaners.http;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SafeErrors;
import java.io.IOException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The http type's failures. Transient: a status the service answered that says so (429, 5xx: see
 * {@link HttpCallFailure}), timeouts (the request's own, {@link java.net.http.HttpTimeoutException}, and the call
 * protection's), refused and lost connections, and any other I/O failure of the exchange (a connection reset, a
 * response cut short). Permanent: other statuses (4xx, an unexpected 1xx or 3xx: redirects are never followed), a 2xx
 * without a readable count, a call refused before it was made, and a TLS peer whose certificate is not trusted (an
 * operator fixes the trust store, a retry cannot).
 */
final class HttpFailures {

    static final FailureClassifier CLASSIFIER = HttpFailures::isTransient;

    private HttpFailures() {
    }

    static boolean isTransient(Throwable error) {
        HttpCallFailure answered = SafeErrors.find(error, HttpCallFailure.class);
        if (answered != null) {
            return answered.isTransient(); // what the service answered decides, however the client wrapped it
        }
        if (FailureClassifier.anyCause(error, HttpFailures::isUntrustedPeer)) {
            return false;
        }
        return FailureClassifier.anyCause(error, cause -> cause instanceof IOException)
                || FailureClassifier.NETWORK.isTransient(error);
    }

    private static boolean isUntrustedPeer(Throwable error) {
        return error instanceof CertificateException || error instanceof SSLPeerUnverifiedException;
    }
}
