package dev.lethe.cli;

/**
 * One request of a bulk, ready to send.
 *
 * @param requestId deterministic: the same subject and options in the same batch give the same id
 * @param subjectRef the subject's pseudonym, as the audit events carry it
 * @param subject the subject and where the input gave it
 * @param value the record value, already validated as the worker will validate it
 */
record BulkRequest(String requestId, String subjectRef, BulkSubject subject, byte[] value) {

    /** The first characters of the subjectRef: enough to tell subjects apart in a preview. */
    static final int SHORT_REF_LENGTH = 12;

    String shortRef() {
        return subjectRef.substring(0, SHORT_REF_LENGTH);
    }
}
