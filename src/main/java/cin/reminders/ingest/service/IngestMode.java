package cin.reminders.ingest.service;

/** How a batch treats an event its case refuses. */
public enum IngestMode {
    /** HTTP: the caller gets a 400 and nothing of the batch is applied. */
    ALL_OR_NOTHING,
    /** Kafka: the refused events are left out (the caller dead-letters them) and the others are applied. */
    SKIP_REFUSED
}
