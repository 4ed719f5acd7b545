package cin.reminders.domain.event;

/** {@code (source, id)}: what identifies a CloudEvent, and so what deduplication keys on. */
public record EventKey(String source, String id) implements Comparable<EventKey> {

    @Override
    public int compareTo(EventKey o) {
        int c = source.compareTo(o.source);
        return c != 0 ? c : id.compareTo(o.id);
    }

    @Override
    public String toString() {
        return source + "#" + id;
    }
}
