package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.ResourceSettings;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a {@link RedisCleaner} talks to Redis: commands written in pipelines of {@value #PIPELINE_SIZE}
 * ({@code StatefulConnection.dispatch(Collection)}: one write and one flush per batch, on the shared connection), every
 * reply awaited until the call's deadline, and every failure turned into a {@link RedisCallFailure} that names the
 * setting, never a key.
 */
final class RedisPipeline {

    /** Commands per write of a pipeline. */
    static final int PIPELINE_SIZE = 1000;

    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;

    private final String resource;
    private final RedisTarget target;
    private final Duration timeout;

    RedisPipeline(String resource, RedisTarget target, Duration timeout) {
        this.resource = resource;
        this.target = target;
        this.timeout = timeout;
    }

    /** Writes the commands in pipelines of {@value #PIPELINE_SIZE}, then reads every reply, in order. */
    List<Object> run(RedisTarget.Connection connection, List<RedisOp> ops, long deadline) throws Exception {
        List<AsyncCommand<byte[], byte[], ?>> commands = ops.stream().<AsyncCommand<byte[], byte[], ?>>map(RedisOp::command)
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
        for (RedisOp op : ops) {
            replies.add(await(op.command(), commands, deadline, op.label()));
        }
        return replies;
    }

    /**
     * The reply of one command, waiting until the call's deadline at most; on any failure the call's other commands
     * are cancelled (a command not yet written is then never sent).
     */
    <T> T await(Future<T> reply, Iterable<? extends Future<?>> all, long deadline, String label)
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

    static void cancel(Iterable<? extends Future<?>> futures) {
        for (Future<?> future : futures) {
            future.cancel(true);
        }
    }

    static <T> AsyncCommand<byte[], byte[], T> command(CommandType type,
            CommandOutput<byte[], byte[], T> output, Bytes key) {
        return new AsyncCommand<>(new Command<>(type, output, new CommandArgs<>(CODEC).addKey(key.value())));
    }

    static <T> AsyncCommand<byte[], byte[], T> command(CommandType type,
            CommandOutput<byte[], byte[], T> output, Bytes key, Bytes part) {
        return new AsyncCommand<>(new Command<>(type, output,
                new CommandArgs<>(CODEC).addKey(key.value()).add(part.value())));
    }
}
