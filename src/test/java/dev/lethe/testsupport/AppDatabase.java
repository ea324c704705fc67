package dev.lethe.testsupport;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sample application database of a test context: seeds subjects and counts what is left of them. */
public class AppDatabase {

    /** Ids far from anything a log line would otherwise print, so "the id appears in a log" means a leak. */
    private static final AtomicLong NEXT_ID = new AtomicLong(7_310_000_000_000L + (System.nanoTime() % 1_000_000) * 1000);

    public static final int CHATS_PER_USER = 2;
    public static final int MESSAGES_PER_CHAT = 3;
    public static final int POSTS_PER_USER = 2;
    public static final int SESSIONS_PER_USER = 1;

    private final JdbcClient jdbc;

    public AppDatabase(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public long newUser() {
        return seedUser("member");
    }

    public long newAdmin() {
        return seedUser("admin");
    }

    /**
     * Seeds {@code count} users with the same rows as {@link #newUser()}, a statement per table instead of a dozen
     * per user (bulk tests seed thousands).
     *
     * @return their ids, consecutive
     */
    public List<Long> newUsers(int count) {
        long first = NEXT_ID.getAndAdd(count) + 1;
        long last = first + count - 1;
        String users = " from generate_series(?::bigint, ?::bigint) u";
        jdbc.sql("insert into users (id, email, role) select u, 'user' || u || '@example.com', 'member'" + users)
                .params(first, last).update();
        jdbc.sql("insert into chats (user_id, title) select u, 'chat'" + users + ", generate_series(1, ?)")
                .params(first, last, CHATS_PER_USER).update();
        jdbc.sql("insert into chat_messages (chat_id, user_id, body) select c.id, c.user_id, 'hello' from chats c,"
                + " generate_series(1, ?) where c.user_id between ? and ?").params(MESSAGES_PER_CHAT, first, last).update();
        jdbc.sql("insert into posts (user_id, body) select u, 'post'" + users + ", generate_series(1, ?)")
                .params(first, last, POSTS_PER_USER).update();
        jdbc.sql("insert into sessions (user_id, token) select u, 'token-' || u || '-' || s" + users
                + ", generate_series(0, ? - 1) s").params(first, last, SESSIONS_PER_USER).update();
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    /** Data for a subject whose user row was erased before: their account came back. */
    public void seedAgain(long id) {
        seedUser(id, "member");
    }

    private long seedUser(String role) {
        return seedUser(NEXT_ID.incrementAndGet(), role);
    }

    private long seedUser(long id, String role) {
        jdbc.sql("insert into users (id, email, role) values (?, ?, ?)").params(id, "user" + id + "@example.com", role).update();
        for (int c = 0; c < CHATS_PER_USER; c++) {
            long chat = jdbc.sql("insert into chats (user_id, title) values (?, 'chat') returning id").param(id)
                    .query(Long.class).single();
            for (int m = 0; m < MESSAGES_PER_CHAT; m++) {
                jdbc.sql("insert into chat_messages (chat_id, user_id, body) values (?, ?, 'hello')").params(chat, id).update();
            }
        }
        for (int p = 0; p < POSTS_PER_USER; p++) {
            jdbc.sql("insert into posts (user_id, body) values (?, 'post')").param(id).update();
        }
        for (int s = 0; s < SESSIONS_PER_USER; s++) {
            jdbc.sql("insert into sessions (user_id, token) values (?, ?)").params(id, "token-" + id + "-" + s).update();
        }
        return id;
    }

    /** Rows of the user in a table (users: the user row itself). */
    public long rows(String table, long userId) {
        return jdbc.sql("select count(*) from " + table + " where " + column(table) + " = ?").param(userId)
                .query(Long.class).single();
    }

    /** Rows of the user in a table whose {@code deleted_at} is set. */
    public long softDeletedRows(String table, long userId) {
        return jdbc.sql("select count(*) from " + table + " where " + column(table) + " = ? and deleted_at is not null")
                .param(userId).query(Long.class).single();
    }

    public void markOnePostDeleted(long userId) {
        jdbc.sql("update posts set deleted_at = now() where id = (select min(id) from posts where user_id = ?)")
                .param(userId).update();
    }

    /** A subject of type "member" or "visitor" with notes (resources member_notes / visitor_notes). */
    public String newNoteOwner(String prefix, int notes) {
        String owner = prefix + "-" + NEXT_ID.incrementAndGet();
        for (int n = 0; n < notes; n++) {
            jdbc.sql("insert into notes (owner_id, body) values (?, 'note')").param(owner).update();
        }
        return owner;
    }

    public void addVisits(String visitor, int visits) {
        for (int n = 0; n < visits; n++) {
            jdbc.sql("insert into visits (visitor_id) values (?)").param(visitor).update();
        }
    }

    public long visits(String visitor) {
        return jdbc.sql("select count(*) from visits where visitor_id = ?").param(visitor).query(Long.class).single();
    }

    public long notes(String owner) {
        return jdbc.sql("select count(*) from notes where owner_id = ?").param(owner).query(Long.class).single();
    }

    /** Runs a statement on the application database (tests that seed tables of their own subject types). */
    public void update(String sql, Object... params) {
        jdbc.sql(sql).params(params).update();
    }

    /** The single number a query returns, such as a {@code count(*)}. */
    public long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** The database role Lethe's datasource "app" connects as (what an unquoted {@code user} would mean in SQL). */
    public String currentUser() {
        return jdbc.sql("select current_user").query(String.class).single();
    }

    private static String column(String table) {
        return table.equals("users") ? "id" : "user_id";
    }
}
