package cin.reminders.ingest.service;

/**
 * What happened to a batch: how many events were applied and how many were already known. Nothing in a batch is
 * refused by the database any more: an event names its council, so it is its council's case (CONTRACT-2 §6);
 * validation and source bindings refuse before ingestion.
 */
public record IngestResult(int applied, int duplicates) {
}
