package cin.reminders.domain.notice;

import cin.reminders.domain.event.EventKey;
import java.util.Objects;

/**
 * The key of a distribution (the copies of one document, or the notices of one closure):
 * {@code plan-copy|<event>}. Stored as the notices' and the dispatch group's {@code group_key},
 * and the first part of each copy's {@link NoticeKey}, so it must never change either.
 *
 * @param value the key as {@code group_key} holds it
 */
public record DistributionKey(String value) {

    public DistributionKey {
        Objects.requireNonNull(value, "value");
    }

    /** The copies of {@code template} that {@code event} calls for. */
    public static DistributionKey of(NoticeTemplate template, EventKey event) {
        return new DistributionKey(template.id() + "|" + event);
    }

    /** A key read back from storage; null stays null (a notice outside any distribution). */
    public static DistributionKey ofNullable(String stored) {
        return stored == null ? null : new DistributionKey(stored);
    }

    /** The value, or null for no distribution: what the {@code group_key} column takes. */
    public static String valueOf(DistributionKey key) {
        return key == null ? null : key.value;
    }

    @Override
    public String toString() {
        return value;
    }
}
