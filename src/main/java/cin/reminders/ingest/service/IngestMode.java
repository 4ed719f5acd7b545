package cin.reminders.ingest.service;

/** How a batch treats an event its case refuses. */
public enum IngestMode {
    /** HTTP: the caller gets a 400 and nothing of the batch is applied. */
    ALL_OR_NOTHING,
    /** Kafka: the rest is applied and the refused event goes to the DLQ. */
    APPLY_REST
}
