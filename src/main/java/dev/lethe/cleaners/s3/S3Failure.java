package dev.lethe.cleaners.s3;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SafeErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An S3 operation of one resource failed: the store answered with an error, or refused some objects of a
 * DeleteObjects call. Transient or permanent as its status and error codes say ({@link S3Failures}). The message names
 * the resource, the operation, the HTTP status and S3's error codes, never a key, a prefix or the store's own message
 * (which may quote a key); the store's exception is not kept as the cause, so nothing else reaches a log.
 */
final class S3Failure extends RuntimeException implements SafeErrors.SafeMessage, FailureClassifier.TransientFailure {

    private final boolean transientFailure;

    S3Failure(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    /** The store's error answer to an operation, as a failure that names no key. */
    static S3Failure of(String resource, String operation, AwsServiceException error) {
        String code = S3Failures.safeCode(error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode());
        String requestId = error.requestId() == null ? "" : ", request id " + S3Failures.safeCode(error.requestId());
        return new S3Failure("lethe.resources." + resource + ": S3 " + operation + " failed with HTTP "
                + error.statusCode() + " " + code + requestId, S3Failures.isTransient(error));
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }
}
