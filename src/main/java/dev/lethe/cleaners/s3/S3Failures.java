package dev.lethe.cleaners.s3;

import dev.lethe.cleaners.FailureClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The s3 type's failures. Transient: HTTP 5xx (but 501 Not Implemented) and 429 answers, S3's throttling and
 * "try again" error codes ({@link #TRANSIENT_CODES}: SlowDown, InternalError, ServiceUnavailable, RequestTimeout, ...),
 * the SDK's own timeouts, a client failure caused by I/O (refused, reset or lost connections, unknown host), and every
 * network failure. Permanent: any other answer, such as AccessDenied, NoSuchBucket, InvalidAccessKeyId,
 * SignatureDoesNotMatch and other 4xx, and client failures without an I/O cause (no credentials found, say).
 */
final class S3Failures {

    /** S3 error codes that say "try again later", whatever the HTTP status (RequestTimeout is a 400). */
    static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
            "RequestTimeout", "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequests",
            "OperationAborted");

    /** Per-object DeleteObjects errors that mean the object is gone already: nothing to erase, nothing to count. */
    static final Set<String> GONE_CODES = Set.of("NoSuchKey", "NoSuchVersion");

    static final FailureClassifier CLASSIFIER =
            ((FailureClassifier) error -> FailureClassifier.anyCause(error, S3Failures::isTransientSdkFailure)).orNetwork();

    private S3Failures() {
    }

    /** Whether an HTTP status and S3 error code of an answer (or of one object in a DeleteObjects answer) are transient. */
    static boolean isTransient(int status, String code) {
        if (status == 501 || "NotImplemented".equals(code)) {
            return false;
        }
        return status >= 500 || status == 429 || TRANSIENT_CODES.contains(code);
    }

    static boolean isTransient(AwsServiceException error) {
        String code = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
        return isTransient(error.statusCode(), code) || error.isThrottlingException();
    }

    private static boolean isTransientSdkFailure(Throwable error) {
        if (error instanceof AwsServiceException service) {
            return isTransient(service);
        }
        if (error instanceof SdkServiceException service) {
            return isTransient(service.statusCode(), null) || service.isThrottlingException();
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException
                || error instanceof RetryableException || error instanceof AbortedException) {
            return true;
        }
        return error instanceof SdkClientException && FailureClassifier.anyCause(error,
                cause -> cause instanceof IOException || cause instanceof UncheckedIOException);
    }

    /** An error code or request id as the store sent it, reduced to characters that cannot carry a key. */
    static String safeCode(String code) {
        if (code == null || code.isEmpty()) {
            return "(no error code)";
        }
        String safe = code.replaceAll("[^A-Za-z0-9._-]", "");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }
}
