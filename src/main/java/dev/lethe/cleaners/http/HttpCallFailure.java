package dev.lethe.cleaners.http;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SafeErrors;
import java.time.Duration;
import java.util.Optional;

/**
 * A call of an http resource that did not erase: a status the service answered (transient for 429 and 5xx,
 * permanent otherwise), a 2xx whose count cannot be read, or a call refused before it was made. The message names
 * the resource's setting, the method and the status, never a URL, header or body: those may hold subject values or
 * secrets.
 */
final class HttpCallFailure extends Exception implements FailureClassifier.TransientFailure, SafeErrors.SafeMessage {

    private final boolean transientFailure;
    private final transient Optional<Duration> retryAfter;
    private final int status;

    private HttpCallFailure(String message, boolean transientFailure, Optional<Duration> retryAfter, int status) {
        super(message, null, false, false);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
        this.status = status;
    }

    /** The service answered a status that is neither done nor nothing found. */
    static HttpCallFailure status(String setting, String method, int status, boolean transientFailure,
            Optional<Duration> retryAfter) {
        String kind = transientFailure ? "transient" : "permanent";
        String wait = retryAfter.filter(d -> !d.isZero()).map(d -> ", Retry-After " + d.toSeconds() + " s").orElse("");
        return new HttpCallFailure(setting + ": " + method + " answered HTTP " + status + " (" + kind + wait + ")",
                transientFailure, retryAfter, status);
    }

    /** A 2xx that does not say what was done, such as a count missing at the items pointer: permanent. */
    static HttpCallFailure badResponse(String message, int status) {
        return new HttpCallFailure(message, false, Optional.empty(), status);
    }

    /** Not called: the subject's value cannot be put in the URL safely. Permanent. */
    static HttpCallFailure refused(String message) {
        return new HttpCallFailure(message, false, Optional.empty(), 0);
    }

    /** The HTTP status the service answered; 0 when the call was not made. */
    int status() {
        return status;
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }
}
