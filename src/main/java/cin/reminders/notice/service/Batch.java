package cin.reminders.notice.service;

/**
 * What one batch of a notice loop did: how many items it took, and whether more may be waiting (the loop
 * then runs another batch at once). Each loop's work says when it is full, so no batch size is restated.
 */
public record Batch(int processed, boolean moreMayBeWaiting) {

    public static final Batch EMPTY = new Batch(0, false);

    /** A batch of a queue that is drained until a batch finds nothing. */
    public static Batch untilEmpty(int processed) {
        return new Batch(processed, processed > 0);
    }

    /** A batch of at most {@code size} items: a full one may have left more behind. */
    public static Batch ofSize(int processed, int size) {
        return new Batch(processed, processed >= size);
    }
}
