package dev.lethe.cli;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Uploaded photos in an S3-compatible store, for the demo's {@code s3} resource: used only where one is named
 * ({@code LETHE_DEMO_S3_ENDPOINT}, with {@code LETHE_DEMO_S3_ACCESS_KEY} / {@code LETHE_DEMO_S3_SECRET_KEY}, e.g. a
 * local MinIO). The demo makes a bucket of its own and removes it at the end.
 */
final class DemoObjectStore implements AutoCloseable {

    private static final int PHOTOS = 2;

    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String bucket = "lethe-demo-" + UUID.randomUUID().toString().substring(0, 8);
    private final S3Client s3;

    private DemoObjectStore(String endpoint, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    static Optional<DemoObjectStore> connectIfNamed(Collection<String> people) {
        String endpoint = System.getenv("LETHE_DEMO_S3_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        DemoObjectStore store = new DemoObjectStore(endpoint,
                Optional.ofNullable(System.getenv("LETHE_DEMO_S3_ACCESS_KEY")).orElse("minioadmin"),
                Optional.ofNullable(System.getenv("LETHE_DEMO_S3_SECRET_KEY")).orElse("minioadmin"));
        try {
            store.s3.createBucket(request -> request.bucket(store.bucket));
            for (String person : people) {
                for (int n = 1; n <= PHOTOS; n++) {
                    String key = "users/" + person + "/photo-" + n + ".jpg";
                    store.s3.putObject(request -> request.bucket(store.bucket).key(key), RequestBody.fromString("photo"));
                }
            }
            return Optional.of(store);
        } catch (RuntimeException unreachable) {
            store.s3.close();
            return Optional.empty();
        }
    }

    String endpoint() {
        return endpoint;
    }

    List<String> workerArguments() {
        return List.of("--lethe.resources.photos.type=s3",
                "--lethe.resources.photos.bucket=" + bucket,
                "--lethe.resources.photos.prefix=users/{id}/",
                "--lethe.resources.photos.endpoint=" + endpoint,
                "--lethe.resources.photos.path-style=true",
                "--lethe.resources.photos.access-key=" + accessKey,
                "--lethe.resources.photos.secret-key=" + secretKey,
                "--lethe.resources.photos.categories=content");
    }

    long objectsOf(String person) {
        return s3.listObjectsV2(request -> request.bucket(bucket).prefix("users/" + person + "/")).keyCount();
    }

    @Override
    public void close() {
        var versions = s3.listObjectVersions(request -> request.bucket(bucket));
        List<ObjectIdentifier> all = new java.util.ArrayList<>();
        versions.versions().forEach(v -> all.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
        versions.deleteMarkers().forEach(m -> all.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
        if (!all.isEmpty()) {
            s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(all)));
        }
        s3.deleteBucket(request -> request.bucket(bucket));
        s3.close();
    }
}
