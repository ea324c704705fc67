package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.redis.RedisTemplates.Entry;
import io.lettuce.core.protocol.AsyncCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What one subject's templates name, expanded; then the keys its patterns matched. */
final class RedisSubjectKeys {

    final int index;
    final Map<Bytes, String> literal = new LinkedHashMap<>();
    final Map<Bytes, String> patterns = new LinkedHashMap<>();
    final Map<Bytes, String> matched = new LinkedHashMap<>();
    final Map<Entry, String> fields = new LinkedHashMap<>();
    final Map<Entry, String> members = new LinkedHashMap<>();

    RedisSubjectKeys(int index) {
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

    RedisOp op(String label, AsyncCommand<byte[], byte[], ?> command) {
        return new RedisOp(this, command, label);
    }
}
