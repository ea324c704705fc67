package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.cleaners.redis.RedisTemplates.Entry;
import dev.lethe.cleaners.redis.RedisTemplates.EntryTemplate;
import dev.lethe.cleaners.redis.RedisTemplates.KeyTemplate;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.BooleanOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Erases a subject's keys, hash fields and set members from one Redis (or Redis Cluster).
 *
 * <p>One call, for one subject or many ({@link #cleanAll}), takes a few round trips whatever the number of subjects:
 * the SCANs of every pattern of every subject go out together, round after round until each cursor is done; then
 * (HARD) one {@code TYPE} per hash and set key, so that a key of the wrong type fails the call before anything is
 * removed; then one pipeline with every {@code HDEL}, {@code SREM} and {@code UNLINK}, one command per field, member
 * and key, in subject order, so that each reply tells what was removed for whom (a key two subjects' templates name
 * counts for the first). Pipelines are written {@value RedisPipeline#PIPELINE_SIZE} commands at a time
 * ({@code StatefulConnection.dispatch(Collection)}: one write and one flush per batch, on the shared connection; on a
 * cluster each command goes to its slot's node).
 *
 * <p>Dry run: the keys the SCANs found, plus {@code EXISTS} for each literal key, {@code HEXISTS} and
 * {@code SISMEMBER}: what a HARD run would remove. Nothing is written.
 */
final class RedisCleaner implements Cleaner.Batched {

    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String resource;
    private final RedisTarget target;
    private final List<KeyTemplate> keys;
    private final List<EntryTemplate> hashFields;
    private final List<EntryTemplate> setMembers;
    private final int scanCount;
    private final Duration timeout;
    private final RedisPipeline pipeline;

    RedisCleaner(String resource, RedisTarget target, List<KeyTemplate> keys, List<EntryTemplate> hashFields,
            List<EntryTemplate> setMembers, int scanCount, Duration timeout) {
        this.resource = resource;
        this.target = target;
        this.keys = keys;
        this.hashFields = hashFields;
        this.setMembers = setMembers;
        this.scanCount = scanCount;
        this.timeout = timeout;
        this.pipeline = new RedisPipeline(resource, target, timeout);
    }

    @Override
    public List<Long> cleanAll(List<CleanCommand> commands) throws Exception {
        for (CleanCommand command : commands) {
            if (command.mode() == Mode.SOFT && !command.dryRun()) {
                throw new RedisCallFailure(ResourceSettings.name(resource, "type")
                        + ": redis resources cannot mark data deleted (SOFT requests skip them)", false);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        RedisTarget.Connection connection;
        try {
            connection = target.connection();
        } catch (RuntimeException e) {
            throw RedisCallFailure.of(ResourceSettings.name(resource, "redis") + " (" + target.setting() + ")", e);
        }
        List<RedisSubjectKeys> wanted = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            wanted.add(wanted(i, commands.get(i).subject()));
        }
        Map<Bytes, Set<Bytes>> matches = scan(connection, wanted, deadline);
        wanted.forEach(subject -> subject.addMatches(matches));

        List<RedisOp> ops = new ArrayList<>();
        long[] items = new long[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            RedisSubjectKeys subject = wanted.get(i);
            if (commands.get(i).dryRun()) {
                items[i] = subject.matched.size();
                subject.literal.forEach((key, label) -> {
                    if (!subject.matched.containsKey(key)) {
                        ops.add(subject.op(label, RedisPipeline.command(CommandType.EXISTS, new IntegerOutput<>(CODEC), key)));
                    }
                });
                subject.fields.forEach((entry, label) -> ops.add(subject.op(label,
                        RedisPipeline.command(CommandType.HEXISTS, new BooleanOutput<>(CODEC), entry.key(), entry.part()))));
                subject.members.forEach((entry, label) -> ops.add(subject.op(label,
                        RedisPipeline.command(CommandType.SISMEMBER, new BooleanOutput<>(CODEC), entry.key(), entry.part()))));
            } else {
                // Fields and members before keys: a key named both ways counts as a dry run counts it.
                subject.fields.forEach((entry, label) -> ops.add(subject.op(label,
                        RedisPipeline.command(CommandType.HDEL, new IntegerOutput<>(CODEC), entry.key(), entry.part()))));
                subject.members.forEach((entry, label) -> ops.add(subject.op(label,
                        RedisPipeline.command(CommandType.SREM, new IntegerOutput<>(CODEC), entry.key(), entry.part()))));
                subject.allKeys().forEach((key, label) -> ops.add(subject.op(label,
                        RedisPipeline.command(CommandType.UNLINK, new IntegerOutput<>(CODEC), key))));
            }
        }
        if (commands.stream().anyMatch(command -> !command.dryRun())) {
            checkTypes(connection, wanted, commands, deadline);
        }
        List<Object> replies = pipeline.run(connection, ops, deadline);
        for (int i = 0; i < ops.size(); i++) {
            Object reply = replies.get(i);
            items[ops.get(i).subject().index] += reply instanceof Boolean found ? (found ? 1 : 0) : (Long) reply;
        }
        List<Long> result = new ArrayList<>(items.length);
        for (long count : items) {
            result.add(count);
        }
        return result;
    }

    /** A dry run counts the keys, fields and members that are still there. */
    @Override
    public boolean countsWhatRemains() {
        return true;
    }

    @Override
    public boolean supportsSoftDelete() {
        return false;
    }

    private RedisSubjectKeys wanted(int index, Subject subject) {
        RedisSubjectKeys wanted = new RedisSubjectKeys(index);
        for (KeyTemplate key : keys) {
            (key.pattern() ? wanted.patterns : wanted.literal).putIfAbsent(key.expand(subject), key.label());
        }
        hashFields.forEach(field -> wanted.fields.putIfAbsent(field.expand(subject), field.label()));
        setMembers.forEach(member -> wanted.members.putIfAbsent(member.expand(subject), member.label()));
        return wanted;
    }

    /** The keys each pattern matches: every pattern of every subject scanned at once, a round trip per SCAN step. */
    private Map<Bytes, Set<Bytes>> scan(RedisTarget.Connection connection, List<RedisSubjectKeys> wanted, long deadline)
            throws Exception {
        Map<Bytes, Set<Bytes>> matches = new LinkedHashMap<>();
        Map<Bytes, ScanCursor> open = new LinkedHashMap<>();
        Map<Bytes, String> labels = new LinkedHashMap<>();
        for (RedisSubjectKeys subject : wanted) {
            subject.patterns.forEach((pattern, label) -> {
                if (matches.putIfAbsent(pattern, new LinkedHashSet<>()) == null) {
                    open.put(pattern, ScanCursor.INITIAL);
                    labels.put(pattern, label);
                }
            });
        }
        while (!open.isEmpty()) {
            Map<Bytes, Future<KeyScanCursor<byte[]>>> round = new LinkedHashMap<>();
            try {
                open.forEach((pattern, cursor) -> round.put(pattern, connection.keys().scan(cursor,
                        ScanArgs.Builder.matches(pattern.value()).limit(scanCount))));
            } catch (RuntimeException e) {
                RedisPipeline.cancel(round.values());
                throw RedisCallFailure.of(ResourceSettings.name(resource, "keys"), e);
            }
            for (Map.Entry<Bytes, Future<KeyScanCursor<byte[]>>> step : round.entrySet()) {
                KeyScanCursor<byte[]> cursor = pipeline.await(step.getValue(), round.values(), deadline,
                        labels.get(step.getKey()));
                Set<Bytes> found = matches.get(step.getKey());
                cursor.getKeys().forEach(key -> found.add(new Bytes(key)));
                if (cursor.isFinished()) {
                    open.remove(step.getKey());
                } else {
                    open.put(step.getKey(), cursor);
                }
            }
        }
        return matches;
    }

    /**
     * Fails the call before anything is removed when a hash-fields key holds no hash or a set-members key no set
     * (HDEL and SREM would fail with WRONGTYPE after the rest of the pipeline ran): the error is then the subject's
     * alone, and a batch of subjects can be retried one by one without having lost the others' counts.
     */
    private void checkTypes(RedisTarget.Connection connection, List<RedisSubjectKeys> wanted, List<CleanCommand> commands,
            long deadline) throws Exception {
        List<RedisOp> checks = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (commands.get(i).dryRun()) {
                continue;
            }
            RedisSubjectKeys subject = wanted.get(i);
            Set<Bytes> seen = new LinkedHashSet<>();
            subject.fields.forEach((entry, label) -> {
                if (seen.add(entry.key())) {
                    checks.add(subject.op(label, RedisPipeline.command(CommandType.TYPE, new StatusOutput<>(CODEC), entry.key())));
                    expected.add("hash");
                }
            });
            seen.clear();
            subject.members.forEach((entry, label) -> {
                if (seen.add(entry.key())) {
                    checks.add(subject.op(label, RedisPipeline.command(CommandType.TYPE, new StatusOutput<>(CODEC), entry.key())));
                    expected.add("set");
                }
            });
        }
        List<Object> types = pipeline.run(connection, checks, deadline);
        for (int i = 0; i < checks.size(); i++) {
            String type = String.valueOf(types.get(i));
            if (!type.equals("none") && !type.equals(expected.get(i))) {
                throw new RedisCallFailure(ResourceSettings.name(resource, checks.get(i).label() + ".key")
                        + ": the key holds a " + (TYPE_NAME.matcher(type).matches() ? type : "value of another type")
                        + ", not a " + expected.get(i) + " (WRONGTYPE)", false);
            }
        }
    }

}
