package dev.lethe.cleaners.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.core.SafeErrors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which S3 failures a retry can help, and what their messages say (never a key). */
class S3FailuresTests {

    @ParameterizedTest
    @CsvSource({
            "503, SlowDown, true", "500, InternalError, true", "503, ServiceUnavailable, true",
            "400, RequestTimeout, true", "429, TooManyRequests, true", "502, , true", "504, , true",
            "409, OperationAborted, true",
            "501, NotImplemented, false", "403, AccessDenied, false", "404, NoSuchBucket, false",
            "403, InvalidAccessKeyId, false", "403, SignatureDoesNotMatch, false", "400, InvalidRequest, false",
            "400, InvalidBucketName, false", "301, PermanentRedirect, false"})
    void answersOfTheStoreAreTransientAsTheirStatusAndCodeSay(int status, String code, boolean transientFailure) {
        S3Exception answer = answer(status, code, "message");

        assertThat(S3Failures.CLASSIFIER.isTransient(answer)).isEqualTo(transientFailure);
        assertThat(S3Failures.CLASSIFIER.isTransient(S3Failure.of("photos", "ListObjectsV2", answer)))
                .isEqualTo(transientFailure);
    }

    @Test
    void clientFailuresCausedByIoOrTimeoutsAreTransientOthersPermanent() {
        assertThat(S3Failures.CLASSIFIER.isTransient(
                SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused")))).isTrue();
        assertThat(S3Failures.CLASSIFIER.isTransient(
                SdkClientException.create("Unable to execute HTTP request", new IOException("The target server failed to respond"))))
                .isTrue();
        assertThat(S3Failures.CLASSIFIER.isTransient(
                SdkClientException.create("Unable to execute HTTP request", new UnknownHostException("minio")))).isTrue();
        assertThat(S3Failures.CLASSIFIER.isTransient(
                SdkClientException.create("x", new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(S3Failures.CLASSIFIER.isTransient(ApiCallTimeoutException.create(1000))).isTrue();
        assertThat(S3Failures.CLASSIFIER.isTransient(ApiCallAttemptTimeoutException.create(1000))).isTrue();

        assertThat(S3Failures.CLASSIFIER.isTransient(
                SdkClientException.create("Unable to load credentials from any of the providers in the chain"))).isFalse();
        assertThat(S3Failures.CLASSIFIER.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void ourOwnFailuresSayWhetherTheyAreTransient() {
        assertThat(S3Failures.CLASSIFIER.isTransient(new S3Failure("lethe.resources.photos: x", true))).isTrue();
        assertThat(S3Failures.CLASSIFIER.isTransient(new S3Failure("lethe.resources.photos: x", false))).isFalse();
    }

    @Test
    void aFailureNamesTheResourceOperationStatusAndCodeButNeverTheStoresMessage() {
        S3Exception answer = answer(403, "AccessDenied", "Access Denied for key users/secret-subject-7/a");

        String described = SafeErrors.describe(S3Failure.of("photos", "DeleteObjects", answer));

        assertThat(described).isEqualTo("S3Failure: lethe.resources.photos: S3 DeleteObjects failed with HTTP 403 "
                + "AccessDenied, request id req-1");
        assertThat(described).doesNotContain("secret-subject-7");
    }

    @Test
    void errorCodesFromTheStoreAreReducedToHarmlessCharacters() {
        assertThat(S3Failures.safeCode("AccessDenied")).isEqualTo("AccessDenied");
        assertThat(S3Failures.safeCode("users/secret 7<x>")).isEqualTo("userssecret7x");
        assertThat(S3Failures.safeCode(null)).isEqualTo("(no error code)");
        assertThat(S3Failures.safeCode("x".repeat(100))).hasSize(64);
    }

    private static S3Exception answer(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status).requestId("req-1").message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
