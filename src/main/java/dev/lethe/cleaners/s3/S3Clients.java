package dev.lethe.cleaners.s3;

import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.core.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds one {@link S3Client} per s3 resource at start and closes them all when the worker stops.
 *
 * <p>Each client: the resource's endpoint (S3-compatible stores), path-style addressing, region and static keys
 * when set (else the SDK's default region and credential chains); Content-MD5 on the operations that need a checksum
 * and no other checksums than required ({@link LegacyMd5Plugin}: S3-compatible stores such as MinIO refuse
 * DeleteObjects without Content-MD5, and AWS accepts it); no SDK retries, since Lethe's call protection and retry
 * budget retry transient failures; every API call limited to the resource's call timeout.
 */
final class S3Clients implements AutoCloseable {

    /** The region of a store at a configured endpoint that names none (MinIO's and most stores' default). */
    static final Region ENDPOINT_DEFAULT_REGION = Region.US_EAST_1;

    private final List<S3Client> clients = new ArrayList<>();

    synchronized S3Client create(String resource, S3Settings settings, Duration callTimeout) {
        S3ClientBuilder builder = S3Client.builder()
                .forcePathStyle(Boolean.TRUE.equals(settings.pathStyle()))
                .addPlugin(LegacyMd5Plugin.create())
                .overrideConfiguration(configuration -> configuration
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(callTimeout));
        URI endpoint = endpoint(resource, settings.endpoint());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (settings.region() != null && !settings.region().isBlank()) {
            builder.region(Region.of(settings.region().trim()));
        } else if (endpoint != null) {
            builder.region(ENDPOINT_DEFAULT_REGION);
        }
        boolean accessKey = settings.accessKey() != null && !settings.accessKey().isBlank();
        boolean secretKey = settings.secretKey() != null && !settings.secretKey().isBlank();
        if (accessKey != secretKey) {
            throw new InvalidConfigurationException(ResourceSettings.name(resource, accessKey ? "secret-key" : "access-key")
                    + " must be set with " + ResourceSettings.name(resource, accessKey ? "access-key" : "secret-key")
                    + " (or neither, for the AWS SDK's default credential chain)");
        }
        if (accessKey) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        }
        S3Client client;
        try {
            client = builder.build();
        } catch (SdkClientException e) {
            throw new InvalidConfigurationException(ResourceSettings.name(resource, "region")
                    + " is not set and the AWS SDK found no default region (AWS_REGION, ~/.aws/config): "
                    + firstLine(e.getMessage()));
        }
        clients.add(client);
        return client;
    }

    /** The endpoint as a URI: http or https, a host, nothing else a store could misread. Null when unset. */
    private static URI endpoint(String resource, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String setting = ResourceSettings.name(resource, "endpoint");
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(setting + " is not a URL: " + e.getReason());
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new InvalidConfigurationException(setting
                    + " must be an http or https URL with a host and nothing after the path, such as http://minio:9000");
        }
        return uri;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @Override
    public synchronized void close() {
        clients.forEach(S3Client::close);
        clients.clear();
    }
}
