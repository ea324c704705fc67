package dev.lethe.ledger;

import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Reads of the request aggregate. Writes that need row locks or upserts are in {@link RequestLedger}. */
public interface RequestRepository extends ListCrudRepository<LedgerRequest, String> {

    long countByStatus(RequestStatus status);

    @Query("select * from deletion_request where request_id in (:requestIds)")
    List<LedgerRequest> findAllByRequestIdIn(List<String> requestIds);
}
