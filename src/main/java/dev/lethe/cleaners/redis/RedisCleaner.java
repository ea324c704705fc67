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
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Erases a subject's keys, hash fields and set members from one Redis (or Redis Cluster).
 *
 * <p>One call, for one subject or many ({@link #cleanAll}), takes a few round trips whatever the number of subjects:
 * the SCANs of every pattern of every subject go out together, round after round until each cursor is done; then
 * (HARD) one {@code TYPE} per hash and set key, so that a key of the wrong type fails the call before anything is
 * removed; then one pipeline with every {@code HDEL}, {@code SREM} and {@code UNLINK}, one command per field, member
 * and key, in subject order, so that each reply tells what was removed for whom (a key two subjects' templates name
 * counts for the first). Pipelines are written {@value #PIPELINE_SIZE} commands at a time
 * ({@code StatefulConnection.dispatch(Collection)}: one write and one flush per batch, on the shared connection; on a
 * cluster each command goes to its slot's node).
 *
 * <p>Dry run: the keys the SCANs found, plus {@code EXISTS} for each literal key, {@code HEXISTS} and
 * {@code SISMEMBER}: what a HARD run would remove. Nothing is written.
 */
final class RedisCleaner implements Cleaner {

    /** Commands per write of a pipeline. */
    static final int PIPELINE_SIZE = 1000;

    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String resource;
    private final RedisTarget target;
    private final List<KeyTemplate> keys;
    private final List<EntryTemplate> hashFields;
    private final List<EntryTemplate> setMembers;
    private final int scanCount;
    private final Duration timeout;

    RedisCleaner(String resource, RedisTarget target, List<KeyTemplate> keys, List<EntryTemplate> hashFields,
            List<EntryTemplate> setMembers, int scanCount, Duration timeout) {
        this.resource = resource;
        this.target = target;
        this.keys = keys;
        this.hashFields = hashFields;
        this.setMembers = setMembers;
        this.scanCount = scanCount;
        this.timeout = timeout;
    }

    @Override
    public long clean(CleanCommand command) throws Exception {
        return cleanAll(List.of(command)).get(0);
    }

    /** Scans for all subjects together, checks types, then one pipeline: several tasks may be handed over at once. */
    @Override
    public boolean cleansInOneCall() {
        return true;
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
        List<Wanted> wanted = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            wanted.add(wanted(i, commands.get(i).subject()));
        }
        Map<Bytes, Set<Bytes>> matches = scan(connection, wanted, deadline);
        wanted.forEach(subject -> subject.addMatches(matches));

        List<Op> ops = new ArrayList<>();
        long[] items = new long[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            Wanted subject = wanted.get(i);
            if (commands.get(i).dryRun()) {
                items[i] = subject.matched.size();
                subject.literal.forEach((key, label) -> {
                    if (!subject.matched.containsKey(key)) {
                        ops.add(subject.op(label, command(CommandType.EXISTS, new IntegerOutput<>(CODEC), key)));
                    }
                });
                subject.fields.forEach((entry, label) -> ops.add(subject.op(label,
                        command(CommandType.HEXISTS, new BooleanOutput<>(CODEC), entry.key(), entry.part()))));
                subject.members.forEach((entry, label) -> ops.add(subject.op(label,
                        command(CommandType.SISMEMBER, new BooleanOutput<>(CODEC), entry.key(), entry.part()))));
            } else {
                // Fields and members before keys: a key named both ways counts as a dry run counts it.
                subject.fields.forEach((entry, label) -> ops.add(subject.op(label,
                        command(CommandType.HDEL, new IntegerOutput<>(CODEC), entry.key(), entry.part()))));
                subject.members.forEach((entry, label) -> ops.add(subject.op(label,
                        command(CommandType.SREM, new IntegerOutput<>(CODEC), entry.key(), entry.part()))));
                subject.allKeys().forEach((key, label) -> ops.add(subject.op(label,
                        command(CommandType.UNLINK, new IntegerOutput<>(CODEC), key))));
            }
        }
        if (commands.stream().anyMatch(command -> !command.dryRun())) {
            checkTypes(connection, wanted, commands, deadline);
        }
        List<Object> replies = run(connection, ops, deadline);
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

    @Override
    public boolean supportsSoftDelete() {
        return false;
    }

    private Wanted wanted(int index, Subject subject) {
        Wanted wanted = new Wanted(index);
        for (KeyTemplate key : keys) {
            (key.pattern() ? wanted.patterns : wanted.literal).putIfAbsent(key.expand(subject), key.label());
        }
        hashFields.forEach(field -> wanted.fields.putIfAbsent(field.expand(subject), field.label()));
        setMembers.forEach(member -> wanted.members.putIfAbsent(member.expand(subject), member.label()));
        return wanted;
    }

    /** The keys each pattern matches: every pattern of every subject scanned at once, a round trip per SCAN step. */
    private Map<Bytes, Set<Bytes>> scan(RedisTarget.Connection connection, List<Wanted> wanted, long deadline)
            throws Exception {
        Map<Bytes, Set<Bytes>> matches = new LinkedHashMap<>();
        Map<Bytes, ScanCursor> open = new LinkedHashMap<>();
        Map<Bytes, String> labels = new LinkedHashMap<>();
        for (Wanted subject : wanted) {
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
                cancel(round.values());
                throw RedisCallFailure.of(ResourceSettings.name(resource, "keys"), e);
            }
            for (Map.Entry<Bytes, Future<KeyScanCursor<byte[]>>> step : round.entrySet()) {
                KeyScanCursor<byte[]> cursor = await(step.getValue(), round.values(), deadline,
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
    private void checkTypes(RedisTarget.Connection connection, List<Wanted> wanted, List<CleanCommand> commands,
            long deadline) throws Exception {
        List<Op> checks = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (commands.get(i).dryRun()) {
                continue;
            }
            Wanted subject = wanted.get(i);
            Set<Bytes> seen = new LinkedHashSet<>();
            subject.fields.forEach((entry, label) -> {
                if (seen.add(entry.key())) {
                    checks.add(subject.op(label, command(CommandType.TYPE, new StatusOutput<>(CODEC), entry.key())));
                    expected.add("hash");
                }
            });
            seen.clear();
            subject.members.forEach((entry, label) -> {
                if (seen.add(entry.key())) {
                    checks.add(subject.op(label, command(CommandType.TYPE, new StatusOutput<>(CODEC), entry.key())));
                    expected.add("set");
                }
            });
        }
        List<Object> types = run(connection, checks, deadline);
        for (int i = 0; i < checks.size(); i++) {
            String type = String.valueOf(types.get(i));
            if (!type.equals("none") && !type.equals(expected.get(i))) {
                throw new RedisCallFailure(ResourceSettings.name(resource, checks.get(i).label() + ".key")
                        + ": the key holds a " + (TYPE_NAME.matcher(type).matches() ? type : "value of another type")
                        + ", not a " + expected.get(i) + " (WRONGTYPE)", false);
            }
        }
    }

    /** Writes the commands in pipelines of {@value #PIPELINE_SIZE}, then reads every reply, in order. */
    private List<Object> run(RedisTarget.Connection connection, List<Op> ops, long deadline) throws Exception {
        List<AsyncCommand<byte[], byte[], ?>> commands = ops.stream().<AsyncCommand<byte[], byte[], ?>>map(Op::command)
                .toList();
        try {
            for (int from = 0; from < commands.size(); from += PIPELINE_SIZE) {
                List<RedisCommand<byte[], byte[], ?>> batch = new ArrayList<>(
                        commands.subList(from, Math.min(commands.size(), from + PIPELINE_SIZE)));
                connection.stateful().dispatch(batch);
            }
        } catch (RuntimeException e) {
            cancel(commands);
            throw RedisCallFailure.of(ResourceSettings.name(resource, "redis") + " (" + target.setting() + ")", e);
        }
        List<Object> replies = new ArrayList<>(ops.size());
        for (Op op : ops) {
            replies.add(await(op.command(), commands, deadline, op.label()));
        }
        return replies;
    }

    /**
     * The reply of one command, waiting until the call's deadline at most; on any failure the call's other commands
     * are cancelled (a command not yet written is then never sent).
     */
    private <T> T await(Future<T> reply, Iterable<? extends Future<?>> all, long deadline, String label)
            throws Exception {
        try {
            return reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(all);
            throw new RedisCallFailure(ResourceSettings.name(resource, label) + ": no reply from " + target.setting()
                    + " within " + timeout + " (resilience.call-timeout)", true);
        } catch (InterruptedException e) {
            cancel(all);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            cancel(all);
            throw RedisCallFailure.of(ResourceSettings.name(resource, label), e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            // Lettuce cancels what is queued when the client shuts down: says nothing about the data, try again.
            cancel(all);
            throw new RedisCallFailure(ResourceSettings.name(resource, label) + ": the command was cancelled ("
                    + target.setting() + " closing)", true);
        }
    }

    private static void cancel(Iterable<? extends Future<?>> futures) {
        for (Future<?> future : futures) {
            future.cancel(true);
        }
    }

    private static <T> AsyncCommand<byte[], byte[], T> command(CommandType type,
            CommandOutput<byte[], byte[], T> output, Bytes key) {
        return new AsyncCommand<>(new Command<>(type, output, new CommandArgs<>(CODEC).addKey(key.value())));
    }

    private static <T> AsyncCommand<byte[], byte[], T> command(CommandType type,
            CommandOutput<byte[], byte[], T> output, Bytes key, Bytes part) {
        return new AsyncCommand<>(new Command<>(type, output,
                new CommandArgs<>(CODEC).addKey(key.value()).add(part.value())));
    }

    /** One command of a pipeline: whose, and which setting it comes from (for messages). */
    private record Op(Wanted subject, AsyncCommand<byte[], byte[], ?> command, String label) {
    }

    /** What one subject's templates name, expanded; then the keys its patterns matched. */
    private static final class Wanted {

        final int index;
        final Map<Bytes, String> literal = new LinkedHashMap<>();
        final Map<Bytes, String> patterns = new LinkedHashMap<>();
        final Map<Bytes, String> matched = new LinkedHashMap<>();
        final Map<Entry, String> fields = new LinkedHashMap<>();
        final Map<Entry, String> members = new LinkedHashMap<>();

        Wanted(int index) {
            this.index = index;
        }

        void addMatches(Map<Bytes, Set<Bytes>> matches) {
            patterns.forEach((pattern, label) -> matches.get(pattern).forEach(key -> matched.putIfAbsent(key, label)));
        }

        /** Every key, once: the literal ones, then those the patterns matched. */
        Map<Bytes, String> allKeys() {
            Map<Bytes, String> all = new LinkedHashMap<>(literal);
            matched.forEach(all::putIfAbsent);
            return all;
        }

        Op op(String label, AsyncCommand<byte[], byte[], ?> command) {
            return new Op(this, command, label);
        }
    }
}
