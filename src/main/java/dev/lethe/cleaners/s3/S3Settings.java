package dev.lethe.cleaners.s3;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The settings of a {@code type: s3} resource, beside the common ones in {@code lethe.resources.<name>}.
 *
 * @param bucket the bucket holding the subjects' objects
 * @param prefix key prefix of one subject's objects, a template such as {@code users/{id}/} that ends with '/' after
 *        its last placeholder (see {@link S3Prefix})
 * @param endpoint URL of an S3-compatible store (MinIO, Ceph, ...); unset: AWS S3
 * @param region the bucket's region; unset: us-east-1 with an endpoint, else the AWS SDK's default region chain
 * @param pathStyle whether the bucket is addressed in the URL's path instead of its host name (most S3-compatible
 *        stores need it); unset: false
 * @param accessKey static access key id, with secret-key; unset: the AWS SDK's default credential chain
 * @param secretKey static secret access key, with access-key
 */
record S3Settings(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]",
                message = "must be a bucket name (3-255 letters, digits, '.', '_' or '-')") String bucket,
        @NotBlank String prefix,
        String endpoint,
        String region,
        Boolean pathStyle,
        String accessKey,
        String secretKey) {
}
