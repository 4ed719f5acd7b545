package cin.reminders.ingest.rest;

/** The answer to an accepted POST: every event is persisted; {@code duplicates} were already known. */
public record IngestReceipt(int accepted, int applied, int duplicates) {
}
