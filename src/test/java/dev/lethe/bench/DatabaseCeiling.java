package dev.lethe.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database's own ceiling for the erasures Lethe does: the statements the jdbc cleaner runs for the demo's five
 * tables (HARD, no tenant column: {@code ResolvedTable#statement}), in foreign-key order, by plain JDBC from a few
 * client threads, synchronous commit on, on a fresh app database seeded like Lethe's. What is left between this and
 * Lethe's figure is Lethe's own cost (ledger, Kafka, audit) and how it groups the work into transactions.
 */
final class DatabaseCeiling {

    /** Resource order of the demo plan: users after the four tables referencing it, chats after its messages. */
    private static final List<String[]> TABLES_IN_ORDER = List.of(new String[] {"chat_messages", "user_id"},
            new String[] {"chats", "user_id"}, new String[] {"posts", "user_id"}, new String[] {"sessions", "user_id"},
            new String[] {"users", "id"});

    /**
     * Subjects per second erased one per transaction and 100 per transaction.
     *
     * @param threads client threads, each on its own connection
     * @param onePerTransaction subjects/s at one subject per transaction (five statements, one commit)
     * @param hundredPerTransaction subjects/s at 100 subjects per transaction (five statements for all of them)
     */
    record Result(int threads, double onePerTransaction, double hundredPerTransaction) {
    }

    private DatabaseCeiling() {
    }

    static Result measure(int subjects, int threads) throws Exception {
        System.out.printf("== database ceiling: %d subjects, %d threads%n", subjects, threads);
        return new Result(threads, subjectsPerSecond(subjects, 1, threads), subjectsPerSecond(subjects, 100, threads));
    }

    /** The cleaner's HARD statement for one table; the same shape serves one subject and many. */
    static String statement(String table, String subjectColumn) {
        String column = "lethe_row.\"" + subjectColumn + "\"";
        return "with lethe_affected as (delete from \"public\".\"" + table + "\" lethe_row using"
                + " unnest(cast(? as text[]), cast(? as text[])) with ordinality"
                + " as lethe_ids(lethe_value, lethe_tenant, lethe_position)"
                + " where " + column + " = cast(lethe_ids.lethe_value as bigint)"
                + " and cast(" + column + " as text) collate \"C\" = lethe_ids.lethe_value"
                + " returning lethe_ids.lethe_position)"
                + " select lethe_position, count(*) from lethe_affected group by lethe_position";
    }

    private static double subjectsPerSecond(int subjects, int perTransaction, int threads) throws Exception {
        String database = "lethe_bench_ceiling_" + perTransaction + "_" + ProcessHandle.current().pid();
        Postgres.createAppDatabase(database, subjects);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger(1);
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                connections.add(Postgres.connect(database));
            }
            long start = System.nanoTime();
            List<Future<Integer>> erased = new ArrayList<>();
            for (Connection connection : connections) {
                erased.add(pool.submit(() -> erase(connection, next, subjects, perTransaction)));
            }
            int total = 0;
            for (Future<Integer> count : erased) {
                total += count.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Connection connection : connections) {
                connection.close();
            }
            return total / seconds;
        } finally {
            pool.shutdownNow();
            Postgres.drop(database);
        }
    }

    /** Takes the next subjects until none are left; returns how many subjects this thread erased. */
    private static int erase(Connection connection, AtomicInteger next, int subjects, int perTransaction)
            throws Exception {
        try (Statement settings = connection.createStatement()) {
            settings.execute("set synchronous_commit = on"); // whatever the server's default: fsync per commit
        }
        connection.setAutoCommit(false);
        List<PreparedStatement> statements = new ArrayList<>();
        for (String[] table : TABLES_IN_ORDER) {
            statements.add(connection.prepareStatement(statement(table[0], table[1])));
        }
        int erased = 0;
        for (int first = next.getAndAdd(perTransaction); first <= subjects; first = next.getAndAdd(perTransaction)) {
            int last = Math.min(subjects, first + perTransaction - 1);
            String[] ids = new String[last - first + 1];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Integer.toString(first + i);
            }
            Array values = connection.createArrayOf("text", ids);
            Array tenants = connection.createArrayOf("text", new String[ids.length]);
            for (PreparedStatement statement : statements) {
                statement.setArray(1, values);
                statement.setArray(2, tenants);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(2);
                    }
                }
            }
            connection.commit();
            erased += ids.length;
        }
        for (PreparedStatement statement : statements) {
            statement.close();
        }
        return erased;
    }
}
