package dev.lethe.cleaners.redis;

import io.lettuce.core.protocol.AsyncCommand;

/** One command of a pipeline: whose, and which setting it comes from (for messages). */
record RedisOp(RedisSubjectKeys subject, AsyncCommand<byte[], byte[], ?> command, String label) {
}
