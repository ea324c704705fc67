package dev.lethe.cleaners.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import dev.lethe.testsupport.S3Server;
import dev.lethe.testsupport.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * The s3 cleaner against a real S3-compatible server (S3Mock, see {@link S3Server}), with the client the factory
 * builds: what is deleted, in unversioned and versioned buckets, what is counted, what an id can reach, and how
 * failures are classified. {@link S3FaultFront} makes the server refuse objects of a DeleteObjects call as AWS can.
 */
class S3CleanerIntegrationTests {

    private static final String TEMPLATE = "users/{id}/";

    private final S3Server server = S3Server.get();
    private final S3Client admin = server.client();
    private final S3Clients clients = new S3Clients();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        clients.close();
    }

    @Test
    void erasesEveryObjectUnderTheSubjectsPrefixAndNothingElse() throws Exception {
        String bucket = bucket(false);
        put(bucket, "users/1/a", "users/1/b/c", "users/10/a", "users/1", "users/1x/a", "users/2/a", "users/");
        S3Cleaner cleaner = cleaner(bucket, server.endpoint(), S3Cleaner.MAX_BATCH);

        assertThat(cleaner.clean(hard("1"))).isEqualTo(2);

        assertThat(keys(bucket)).containsExactlyInAnyOrder("users/10/a", "users/1", "users/1x/a", "users/2/a", "users/");
        assertThat(cleaner.clean(hard("1"))).as("a repeated call finds nothing").isZero();
    }

    @Test
    void inAVersionedBucketEveryVersionAndDeleteMarkerIsDeleted() throws Exception {
        String bucket = bucket(true);
        put(bucket, "users/1/a", "users/1/a", "users/1/b", "users/10/a", "users/10/a");
        admin.deleteObject(request -> request.bucket(bucket).key("users/1/a")); // a delete marker over two versions
        S3Cleaner cleaner = cleaner(bucket, server.endpoint(), S3Cleaner.MAX_BATCH);

        assertThat(cleaner.clean(hard("1"))).as("2 versions of a, its delete marker, 1 version of b").isEqualTo(4);

        assertThat(versionsAndMarkers(bucket, "users/1/")).isZero();
        assertThat(versionsAndMarkers(bucket, "users/10/")).isEqualTo(2);
        assertThat(cleaner.clean(hard("1"))).isZero();
    }

    @Test
    void anObjectStoredBeforeVersioningWasEnabledIsDeletedAsTheNullVersion() throws Exception {
        String bucket = bucket(false);
        put(bucket, "users/1/a", "users/1/b");
        admin.putBucketVersioning(request -> request.bucket(bucket)
                .versioningConfiguration(configuration -> configuration.status(BucketVersioningStatus.ENABLED)));
        put(bucket, "users/1/b");
        S3Cleaner cleaner = cleaner(bucket, server.endpoint(), S3Cleaner.MAX_BATCH);
        // S3Mock keeps no null version under a newer one (AWS would list 3 here); users/1/a is only its null version.
        int listed = versionsAndMarkers(bucket, "users/1/");

        assertThat(cleaner.clean(hard("1"))).isEqualTo(listed);
        assertThat(versionsAndMarkers(bucket, "users/1/")).isZero();
        assertThat(keys(bucket)).isEmpty();
    }

    @Test
    void aDryRunCountsWhatARealRunWouldDeleteAndChangesNothing() throws Exception {
        String versioned = bucket(true);
        put(versioned, "users/1/a", "users/1/a", "users/1/b", "users/10/a");
        String plain = bucket(false);
        put(plain, "users/1/a", "users/1/b", "users/1/c", "users/10/a");

        assertThat(cleaner(versioned, server.endpoint(), S3Cleaner.MAX_BATCH).clean(dryRun("1"))).isEqualTo(3);
        assertThat(cleaner(plain, server.endpoint(), S3Cleaner.MAX_BATCH).clean(dryRun("1"))).isEqualTo(3);

        assertThat(versionsAndMarkers(versioned, "users/")).isEqualTo(4);
        assertThat(keys(plain)).hasSize(4);
        assertThat(cleaner(versioned, server.endpoint(), S3Cleaner.MAX_BATCH).clean(hard("1"))).isEqualTo(3);
    }

    @Test
    void softModeIsNotSupportedAndChangesNothing() throws Exception {
        String bucket = bucket(false);
        put(bucket, "users/1/a");
        S3Cleaner cleaner = cleaner(bucket, server.endpoint(), S3Cleaner.MAX_BATCH);

        assertThat(cleaner.supportsSoftDelete()).isFalse();
        assertThat(cleaner.clean(new CleanCommand(subject("1"), Mode.SOFT, false))).isZero();
        assertThat(keys(bucket)).containsExactly("users/1/a");
    }

    @Test
    void everyPageIsListedAndDeleteObjectsCarriesAtMostABatch() throws Exception {
        String plain = bucket(false);
        String versioned = bucket(true);
        for (int i = 0; i < 5; i++) {
            put(plain, "users/1/" + i);
            put(versioned, "users/1/" + i);
        }
        put(plain, "users/2/a");
        S3FaultFront front = front();

        assertThat(cleaner(plain, front.endpoint(), 2).clean(hard("1"))).isEqualTo(5);
        assertThat(cleaner(versioned, front.endpoint(), 2).clean(hard("1"))).isEqualTo(5);

        // ListObjectsV2 pages of 2 (S3Mock ignores max-keys for versions: one page of 5, cut into batches).
        assertThat(front.deleteBatchSizes()).containsExactly(2, 2, 1, 2, 2, 1);
        assertThat(keys(plain)).containsExactly("users/2/a");
        assertThat(versionsAndMarkers(versioned, "users/")).isZero();
    }

    @Test
    void manySubjectsShareDeleteObjectsCallsAndEachGetsItsOwnCount() throws Exception {
        String bucket = bucket(true);
        put(bucket, "users/1/a", "users/1/b", "users/2/a", "users/2/a", "users/2/b", "users/10/a");
        S3FaultFront front = front();
        S3Cleaner cleaner = cleaner(bucket, front.endpoint(), S3Cleaner.MAX_BATCH);

        assertThat(cleaner.cleanAll(List.of(dryRun("1"), dryRun("2"), dryRun("1"), dryRun("3"))))
                .containsExactly(2L, 3L, 2L, 0L);
        assertThat(cleaner.cleanAll(List.of(hard("1"), hard("2"), hard("1"), hard("3"))))
                .as("the same subject twice: the first erases, the repeat finds nothing").containsExactly(2L, 3L, 0L, 0L);

        assertThat(front.deleteBatchSizes()).as("one DeleteObjects call for both subjects").containsExactly(5);
        assertThat(versionsAndMarkers(bucket, "users/1/") + versionsAndMarkers(bucket, "users/2/")).isZero();
        assertThat(versionsAndMarkers(bucket, "users/10/")).isEqualTo(1);
    }

    @Test
    void anIdNeverReachesAnotherSubjectsObjects() throws Exception {
        String bucket = bucket(false);
        List<String> others = List.of("users/1/a", "users/1/../2/a", "users/2/a", "users/10/a", "users/../x", "users/./x",
                "users/a/x", "users/ab/x", "users/b/x", "users//x");
        put(bucket, others.toArray(String[]::new));
        S3Cleaner cleaner = cleaner(bucket, server.endpoint(), S3Cleaner.MAX_BATCH);

        for (String id : List.of("1/", "1/../2", "1/..", "..", ".", "/", "*", "a*", "?", "a?", "[ab]", "%31", "1%2F")) {
            assertThat(cleaner.clean(hard(id))).as("id '%s'", id).isZero();
            assertThat(cleaner.clean(dryRun(id))).as("id '%s'", id).isZero();
        }

        assertThat(keys(bucket)).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void anIdWithPatternOrDelimiterCharactersErasesExactlyItsOwnEscapedPrefix() throws Exception {
        String bucket = bucket(false);
        put(bucket, "users/a*b/x", "users/a*b/y", "users/axb/x", "users/ab/x", "users/1%2F2/x", "users/1/2/x",
                "users/50%25/x", "users/50%/x", "users/%2E%2E/x", "users/../x");
        S3Cleaner cleaner = cleaner(bucket, server.endpoint(), S3Cleaner.MAX_BATCH);

        assertThat(cleaner.clean(hard("a*b"))).isEqualTo(2);
        assertThat(cleaner.clean(hard("1/2"))).isEqualTo(1);
        assertThat(cleaner.clean(hard("50%"))).isEqualTo(1);
        assertThat(cleaner.clean(hard(".."))).isEqualTo(1);

        assertThat(keys(bucket)).containsExactlyInAnyOrder("users/axb/x", "users/ab/x", "users/1/2/x", "users/50%/x",
                "users/../x");
    }

    @Test
    void aMissingBucketIsAPermanentFailureThatNamesNoSubject() {
        S3Cleaner cleaner = cleaner("no-such-bucket-" + UUID.randomUUID(), server.endpoint(), S3Cleaner.MAX_BATCH);

        Throwable failure = catchThrowable(() -> cleaner.clean(hard("secret-subject-7")));

        assertThat(failure).isInstanceOf(S3Failure.class);
        assertThat(S3Failures.CLASSIFIER.isTransient(failure)).isFalse();
        assertThat(SafeErrors.describe(failure)).contains("lethe.resources.photos", "404", "NoSuchBucket")
                .doesNotContain("secret-subject-7");
    }

    @Test
    void aStoreThatCannotBeReachedIsATransientFailureAndTheCallWorksOnceItIsBack() throws Exception {
        String bucket = bucket(true);
        put(bucket, "users/1/a", "users/1/b");
        TcpProxy proxy = new TcpProxy("127.0.0.1", server.port());
        closing.add(proxy);
        S3Cleaner cleaner = cleaner(bucket, URI.create("http://127.0.0.1:" + proxy.port()), S3Cleaner.MAX_BATCH);
        assertThat(cleaner.clean(dryRun("1"))).isEqualTo(2);

        proxy.cut();
        Throwable failure = catchThrowable(() -> cleaner.clean(hard("1")));
        assertThat(failure).isNotNull();
        assertThat(S3Failures.CLASSIFIER.isTransient(failure)).as("%s", failure).isTrue();
        assertThat(versionsAndMarkers(bucket, "users/1/")).isEqualTo(2);

        proxy.restore();
        long[] erased = {0};
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .untilAsserted(() -> {
                    erased[0] += cleaner.clean(hard("1"));
                    assertThat(versionsAndMarkers(bucket, "users/1/")).isZero();
                });
        assertThat(erased[0]).isEqualTo(2);
    }

    @Test
    void objectsTheStoreRefusesForAMomentAreTriedAgainAndCounted() throws Exception {
        String bucket = bucket(false);
        put(bucket, "users/1/a", "users/1/b", "users/1/c");
        S3FaultFront front = front();
        front.refuse((object, call) -> call == 1 && object.key().equals("users/1/b") ? "SlowDown" : null);

        assertThat(cleaner(bucket, front.endpoint(), S3Cleaner.MAX_BATCH).clean(hard("1"))).isEqualTo(3);

        assertThat(front.deleteBatchSizes()).containsExactly(3, 1);
        assertThat(keys(bucket)).isEmpty();
    }

    @Test
    void objectsTheStoreRefusesForGoodFailTheCallAsPermanentAndStay() throws Exception {
        String bucket = bucket(false);
        put(bucket, "users/secret-7/a", "users/secret-7/b", "users/secret-7/c");
        S3FaultFront front = front();
        front.refuse((object, call) -> object.key().endsWith("/b") ? "AccessDenied" : null);

        Throwable failure = catchThrowable(() -> cleaner(bucket, front.endpoint(), S3Cleaner.MAX_BATCH).clean(hard("secret-7")));

        assertThat(failure).isInstanceOf(S3Failure.class);
        assertThat(S3Failures.CLASSIFIER.isTransient(failure)).isFalse();
        assertThat(SafeErrors.describe(failure)).contains("DeleteObjects refused 1 objects", "AccessDenied")
                .doesNotContain("secret-7");
        assertThat(keys(bucket)).containsExactly("users/secret-7/b");
        assertThat(front.deleteCalls()).isEqualTo(1);
    }

    @Test
    void objectsTheStoreKeepsRefusingWithATransientCodeFailTheCallAsTransient() {
        String bucket = bucket(false);
        put(bucket, "users/1/a", "users/1/b");
        S3FaultFront front = front();
        front.refuse((object, call) -> object.key().endsWith("/a") ? "InternalError" : null);

        Throwable failure = catchThrowable(() -> cleaner(bucket, front.endpoint(), S3Cleaner.MAX_BATCH).clean(hard("1")));

        assertThat(failure).isInstanceOf(S3Failure.class).hasMessageContaining("after 3 tries");
        assertThat(S3Failures.CLASSIFIER.isTransient(failure)).isTrue();
        assertThat(front.deleteBatchSizes()).containsExactly(2, 1, 1);
        assertThat(keys(bucket)).containsExactly("users/1/a");
    }

    @Test
    void objectsTheStoreReportsGoneAlreadyAreNotCounted() throws Exception {
        String bucket = bucket(false);
        put(bucket, "users/1/a", "users/1/b");
        S3FaultFront front = front();
        front.refuse((object, call) -> object.key().endsWith("/a") ? "NoSuchKey" : null);

        assertThat(cleaner(bucket, front.endpoint(), S3Cleaner.MAX_BATCH).clean(hard("1"))).isEqualTo(1);
        assertThat(front.deleteCalls()).isEqualTo(1);
    }

    @Test
    void aStoreThatIgnoresThePrefixErasesNothing() {
        String bucket = bucket(false);
        put(bucket, "a/x", "users/1/a", "users/2/a");
        S3FaultFront front = front();
        front.ignorePrefix();

        assertThatThrownBy(() -> cleaner(bucket, front.endpoint(), S3Cleaner.MAX_BATCH).clean(hard("1")))
                .isInstanceOf(S3Failure.class).hasMessageContaining("outside the requested prefix (users/{id}/)")
                .satisfies(failure -> assertThat(S3Failures.CLASSIFIER.isTransient(failure)).isFalse());
        assertThat(keys(bucket)).containsExactlyInAnyOrder("a/x", "users/1/a", "users/2/a");
        assertThat(front.deleteCalls()).isZero();
    }

    private S3Cleaner cleaner(String bucket, URI endpoint, int batchSize) {
        S3Settings settings = new S3Settings(bucket, TEMPLATE, endpoint.toString(), null, true, S3Server.ACCESS_KEY,
                S3Server.SECRET_KEY);
        return new S3Cleaner("photos", clients.create("photos", settings, Duration.ofSeconds(10)), bucket,
                S3Prefix.parse(TEMPLATE, "lethe.resources.photos.prefix"), batchSize);
    }

    private S3FaultFront front() {
        S3FaultFront front = new S3FaultFront(server);
        closing.add(front);
        return front;
    }

    private String bucket(boolean versioned) {
        return server.createBucket("t-" + UUID.randomUUID().toString().substring(0, 18).toLowerCase(Locale.ROOT), versioned);
    }

    private void put(String bucket, String... keys) {
        for (String key : keys) {
            admin.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString("data of " + key));
        }
    }

    private List<String> keys(String bucket) {
        return admin.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                .map(object -> object.key()).toList();
    }

    private int versionsAndMarkers(String bucket, String prefix) {
        ListObjectVersionsResponse response = admin.listObjectVersions(request -> request.bucket(bucket).prefix(prefix));
        return response.versions().size() + response.deleteMarkers().size();
    }

    private static Subject subject(String id) {
        return new Subject("user", id, "");
    }

    private static CleanCommand hard(String id) {
        return new CleanCommand(subject(id), Mode.HARD, false);
    }

    private static CleanCommand dryRun(String id) {
        return new CleanCommand(subject(id), Mode.HARD, true);
    }
}
