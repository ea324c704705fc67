package dev.lethe.cleaners.s3;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Erases subjects' objects from one S3 bucket: every object under the subject's prefix ({@link S3Prefix}). HARD
 * deletes them with DeleteObjects, up to 1,000 at a time; a dry run counts them; SOFT is not supported (S3 has no
 * "mark deleted"), so SOFT requests skip the resource.
 *
 * <p>Whether the bucket is versioned is asked with GetBucketVersioning on every call until the answer is Enabled or
 * Suspended, then remembered (versioning can be suspended, never switched off). A versioned bucket is listed with
 * ListObjectVersions and every version and delete marker is deleted by its version id (a plain delete there would
 * only add a delete marker and erase nothing); an unversioned bucket is listed with ListObjectsV2 and its objects are
 * deleted by key, and is asked again afterwards: if versioning was switched on meanwhile, the prefix is cleaned once
 * more, version by version. Items = objects deleted, in a versioned bucket versions and delete markers.
 *
 * <p>Objects a DeleteObjects answer reports as failed are never counted: NoSuchKey/NoSuchVersion means gone already;
 * a transient code (SlowDown, InternalError, ...) is retried for those objects twice more, then fails the call as
 * transient; any other code (AccessDenied, ...) fails it as permanent. A listing that returns a key outside the
 * requested prefix fails the call as permanent: a store that ignores the prefix must not erase everything.
 */
final class S3Cleaner implements Cleaner.Batched {

    /** DeleteObjects takes at most 1,000 objects, and a listing page holds at most 1,000. */
    static final int MAX_BATCH = 1000;
    private static final int DELETE_ROUNDS = 3;
    private static final long ROUND_PAUSE_MILLIS = 100;

    private final String resource;
    private final S3Client s3;
    private final String bucket;
    private final S3Prefix prefix;
    private final int batchSize;
    /** True once the bucket was seen versioned: it stays so. */
    private volatile boolean versioned;

    /** @param batchSize objects per listing page and per DeleteObjects call, at most {@link #MAX_BATCH} */
    S3Cleaner(String resource, S3Client s3, String bucket, S3Prefix prefix, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH);
        }
        this.resource = resource;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.batchSize = batchSize;
    }

    /**
     * Lists each subject's prefix in turn and deletes what it finds in DeleteObjects calls of up to 1,000 objects
     * that may hold several subjects' objects. The same subject twice: in a dry run each command reports the same
     * count; in a real run the first gets the items and a repeat finds them gone, as two calls in turn would.
     */
    @Override
    public List<Long> cleanAll(List<CleanCommand> commands) throws InterruptedException {
        CleanCommand first = commands.get(0);
        if (commands.stream().anyMatch(command -> command.mode() != first.mode() || command.dryRun() != first.dryRun())) {
            List<Long> items = new ArrayList<>(commands.size());
            for (CleanCommand command : commands) {
                items.add(cleanAll(List.of(command)).get(0));
            }
            return items;
        }
        long[] items = new long[commands.size()];
        if (first.mode() == Mode.SOFT) {
            return toList(items); // nothing can be marked: the planner skips SOFT requests, this only guards
        }
        boolean versions = isVersioned();
        if (first.dryRun()) {
            for (int i = 0; i < commands.size(); i++) {
                long[] count = {0};
                list(prefix.expand(commands.get(i).subject()), versions, entry -> count[0]++);
                items[i] = count[0];
            }
            return toList(items);
        }
        erase(commands, versions, items);
        if (!versions && isVersioned()) {
            erase(commands, true, items); // versioning was switched on while we deleted by key
        }
        return toList(items);
    }

    private void erase(List<CleanCommand> commands, boolean versions, long[] items) throws InterruptedException {
        Deletion deletion = new Deletion(items);
        Map<String, Integer> listed = new HashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            String subjectPrefix = prefix.expand(commands.get(i).subject());
            if (listed.putIfAbsent(subjectPrefix, i) != null) {
                continue; // the same subject again: an earlier command erases it, this one finds nothing
            }
            int command = i;
            list(subjectPrefix, versions, entry -> deletion.add(entry, command));
        }
        deletion.flush();
    }

    private boolean isVersioned() {
        if (versioned) {
            return true;
        }
        GetBucketVersioningResponse response;
        try {
            response = s3.getBucketVersioning(request -> request.bucket(bucket));
        } catch (AwsServiceException e) {
            throw S3Failure.of(resource, "GetBucketVersioning", e);
        }
        // Enabled or Suspended (old versions remain): anything but "never enabled" is listed version by version.
        boolean now = response.statusAsString() != null && !response.statusAsString().isEmpty();
        if (now) {
            versioned = true;
        }
        return now;
    }

    /** Every object (or version and delete marker) under the prefix, page by page. */
    private void list(String subjectPrefix, boolean versions, InterruptibleConsumer<Entry> each)
            throws InterruptedException {
        try {
            if (versions) {
                for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(request -> request.bucket(bucket)
                        .prefix(subjectPrefix).maxKeys(batchSize))) {
                    for (ObjectVersion version : page.versions()) {
                        each.accept(entry(subjectPrefix, version.key(), versionIdOf(version.versionId())));
                    }
                    for (DeleteMarkerEntry marker : page.deleteMarkers()) {
                        each.accept(entry(subjectPrefix, marker.key(), versionIdOf(marker.versionId())));
                    }
                }
            } else {
                for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request -> request.bucket(bucket)
                        .prefix(subjectPrefix).maxKeys(batchSize))) {
                    for (S3Object object : page.contents()) {
                        each.accept(entry(subjectPrefix, object.key(), null));
                    }
                }
            }
        } catch (AwsServiceException e) {
            throw S3Failure.of(resource, versions ? "ListObjectVersions" : "ListObjectsV2", e);
        }
    }

    private Entry entry(String subjectPrefix, String key, String versionId) {
        if (key == null || !key.startsWith(subjectPrefix)) {
            throw new S3Failure("lethe.resources." + resource + ": the store listed an object outside the requested "
                    + "prefix (" + prefix + "); it may not support prefixes, so nothing more is deleted", false);
        }
        return new Entry(key, versionId);
    }

    /** S3 lists the version of an object stored while versioning was off as "null"; a missing id means the same. */
    private static String versionIdOf(String versionId) {
        return versionId == null || versionId.isEmpty() ? "null" : versionId;
    }

    private static List<Long> toList(long[] items) {
        List<Long> list = new ArrayList<>(items.length);
        for (long item : items) {
            list.add(item);
        }
        return list;
    }

    /** A dry run lists the objects (versions) still under the prefix. */
    @Override
    public boolean countsWhatRemains() {
        return true;
    }

    @Override
    public boolean supportsSoftDelete() {
        return false;
    }

    /** One object to delete: its key, and in a versioned bucket its version id (null otherwise). */
    private record Entry(String key, String versionId) {

        ObjectIdentifier identifier() {
            return versionId == null ? ObjectIdentifier.builder().key(key).build()
                    : ObjectIdentifier.builder().key(key).versionId(versionId).build();
        }
    }

    @FunctionalInterface
    private interface InterruptibleConsumer<T> {
        void accept(T value) throws InterruptedException;
    }

    /** Objects waiting for a DeleteObjects call, each with the command it belongs to, and the items per command. */
    private final class Deletion {

        private final long[] items;
        private final Map<Entry, Integer> pending = new LinkedHashMap<>();

        Deletion(long[] items) {
            this.items = items;
        }

        void add(Entry entry, int command) throws InterruptedException {
            pending.put(entry, command);
            if (pending.size() >= batchSize) {
                flush();
            }
        }

        void flush() throws InterruptedException {
            if (pending.isEmpty()) {
                return;
            }
            Map<Entry, Integer> remaining = new LinkedHashMap<>(pending);
            pending.clear();
            for (int round = 1; ; round++) {
                Map<Entry, Integer> retry = new LinkedHashMap<>();
                Map<String, Integer> retryCodes = new TreeMap<>();
                Map<String, Integer> permanentCodes = new TreeMap<>();
                for (Failed failed : delete(remaining)) {
                    Integer command = remaining.remove(failed.entry());
                    if (command == null || S3Failures.GONE_CODES.contains(failed.code())) {
                        continue; // reported twice, or gone already: nothing erased, nothing counted
                    }
                    String code = S3Failures.safeCode(failed.code());
                    if (S3Failures.isTransient(0, failed.code())) {
                        retry.put(failed.entry(), command);
                        retryCodes.merge(code, 1, Integer::sum);
                    } else {
                        permanentCodes.merge(code, 1, Integer::sum);
                    }
                }
                remaining.values().forEach(command -> items[command]++);
                if (!permanentCodes.isEmpty()) {
                    throw refused(permanentCodes, "", false);
                }
                if (retry.isEmpty()) {
                    return;
                }
                if (round == DELETE_ROUNDS) {
                    throw refused(retryCodes, " after " + DELETE_ROUNDS + " tries", true);
                }
                Thread.sleep(ROUND_PAUSE_MILLIS * round);
                remaining = retry;
            }
        }

        /** Deletes the objects; returns those the answer reports as not deleted, each with S3's error code. */
        private List<Failed> delete(Map<Entry, Integer> objects) {
            List<ObjectIdentifier> identifiers = objects.keySet().stream().map(Entry::identifier).toList();
            DeleteObjectsResponse response;
            try {
                response = s3.deleteObjects(request -> request.bucket(bucket)
                        .delete(delete -> delete.objects(identifiers).quiet(true)));
            } catch (AwsServiceException e) {
                throw S3Failure.of(resource, "DeleteObjects", e);
            }
            Map<String, List<Entry>> byKey = new HashMap<>();
            objects.keySet().forEach(entry -> byKey.computeIfAbsent(entry.key(), key -> new ArrayList<>()).add(entry));
            List<Failed> failed = new ArrayList<>();
            for (S3Error error : response.errors()) {
                List<Entry> sent = byKey.getOrDefault(error.key(), List.of());
                List<Entry> matching = sent.stream()
                        .filter(entry -> error.versionId() == null || error.versionId().equals(entry.versionId()))
                        .toList();
                if (matching.isEmpty()) {
                    throw new S3Failure("lethe.resources." + resource + ": S3 DeleteObjects answered an error ("
                            + S3Failures.safeCode(error.code()) + ") for an object it was not sent", false);
                }
                matching.forEach(entry -> failed.add(new Failed(entry, error.code())));
            }
            return failed;
        }

        private S3Failure refused(Map<String, Integer> codes, String when, boolean transientFailure) {
            int count = codes.values().stream().mapToInt(Integer::intValue).sum();
            return new S3Failure("lethe.resources." + resource + ": S3 DeleteObjects refused " + count + " objects"
                    + when + ": " + codes, transientFailure);
        }
    }

    private record Failed(Entry entry, String code) {
    }
}
