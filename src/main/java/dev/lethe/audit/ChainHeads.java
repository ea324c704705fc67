package dev.lethe.audit;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The head of each request's audit chain (the last chainHash written), kept on the request's ledger row so that any
 * worker, after any crash or replay, continues the chain where it ends. Reading a head locks the row until the
 * transaction ends: of two transactions appending events of one request, the second waits, then chains to the first.
 */
class ChainHeads {

    // In request-id order, as RequestLedger.lockRunning locks, so that transactions touching several requests never
    // wait for each other in a circle.
    private static final String LOCK = "select request_id, chain_head from deletion_request where request_id = any(?)"
            + " order by request_id for update";
    private static final String STORE = "update deletion_request d set chain_head = h.head"
            + " from unnest(?::varchar[], ?::varchar[]) as h(request_id, head) where d.request_id = h.request_id";

    private final JdbcTemplate jdbc;

    ChainHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks these requests' rows and returns their heads (a request with no event yet is absent from the map).
     *
     * @throws IllegalStateException when a request has no ledger row: its events could not be chained
     */
    Map<String, String> lock(Collection<String> requestIds) {
        List<String> ids = List.copyOf(new TreeSet<>(requestIds));
        Map<String, String> heads = new HashMap<>();
        int[] found = {0};
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(LOCK);
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return statement;
        }, row -> {
            found[0]++;
            String head = row.getString(2);
            if (head != null) {
                heads.put(row.getString(1), head);
            }
        });
        if (found[0] != ids.size()) {
            throw new IllegalStateException("audit events of " + (ids.size() - found[0])
                    + " request(s) without a ledger row cannot be chained");
        }
        return heads;
    }

    /** Stores new heads; the rows must have been locked by {@link #lock} in this transaction. */
    void store(Map<String, String> heads) {
        List<String> ids = List.copyOf(heads.keySet());
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(STORE);
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", ids.stream().map(heads::get).toArray()));
            return statement;
        });
    }
}
