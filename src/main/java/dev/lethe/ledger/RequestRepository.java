package dev.lethe.ledger;

import org.springframework.data.repository.ListCrudRepository;

/** Reads of the request aggregate. Writes that need row locks, upserts or batches are in {@link RequestLedger}. */
public interface RequestRepository extends ListCrudRepository<LedgerRequest, String> {
}
