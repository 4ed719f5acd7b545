package cin.reminders.domain.event;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PostalAddress;
import cin.reminders.domain.model.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed, read-only access to a validated event's {@code data}. */
public final class EventData {

    private final JsonNode node;

    public EventData(JsonNode node) {
        this.node = node;
    }

    JsonNode node() {
        return node;
    }

    public boolean has(String path) {
        return find(path).isPresent();
    }

    /** A field by dotted path ({@code nextMeeting.date}); absent and JSON null are the same. */
    public Optional<JsonNode> find(String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        return Optional.ofNullable(current).filter(n -> !n.isNull() && !n.isMissingNode());
    }

    public String string(String path) {
        return optString(path).orElseThrow(() -> new IllegalStateException("no " + path));
    }

    public Optional<String> optString(String path) {
        return find(path).map(JsonNode::asText);
    }

    public boolean bool(String path) {
        return find(path).map(JsonNode::asBoolean).orElse(false);
    }

    public int integer(String path) {
        return find(path).map(JsonNode::asInt).orElseThrow(() -> new IllegalStateException("no " + path));
    }

    public Optional<LocalDate> optDate(String path) {
        return find(path).map(n -> LocalDate.parse(n.asText()));
    }

    public Optional<LocalDateTime> optDateTime(String path) {
        return find(path).map(n -> LocalDateTime.parse(n.asText()));
    }

    public Optional<LocalTime> optTime(String path) {
        return find(path).map(n -> LocalTime.parse(n.asText()));
    }

    public <E extends Enum<E>> E enumValue(String path, Class<E> type) {
        return Enum.valueOf(type, string(path));
    }

    public List<String> strings(String path) {
        List<String> out = new ArrayList<>();
        find(path).ifPresent(arr -> arr.forEach(n -> out.add(n.asText())));
        return out;
    }

    /** The participant of a {@code cin.participant.upserted} event. */
    public Participant participant() {
        JsonNode p = node.get("participant");
        return new Participant(
                p.get("id").asText(),
                Role.valueOf(p.get("role").asText()),
                text(p, "name"),
                text(p, "email"),
                text(p, "mobile"),
                Channel.valueOf(p.get("preferredChannel").asText()),
                p.hasNonNull("language") ? Language.fromCode(p.get("language").asText()) : Language.EN,
                p.hasNonNull("dateOfBirth") ? LocalDate.parse(p.get("dateOfBirth").asText()) : null,
                p.hasNonNull("receivesCopies") ? p.get("receivesCopies").asBoolean() : null,
                text(p, "withholdReason"),
                p.hasNonNull("addressConfidential") && p.get("addressConfidential").asBoolean(),
                text(p, "agency"),
                address(p.get("address")));
    }

    /** The participant's postal address, if the event gives one (already checked by the reader). */
    private static PostalAddress address(JsonNode a) {
        if (a == null || a.isNull()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        a.get("lines").forEach(line -> lines.add(line.asText()));
        return PostalAddress.of(lines, a.get("postcode").asText());
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
