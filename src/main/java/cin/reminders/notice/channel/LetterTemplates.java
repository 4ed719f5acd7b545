package cin.reminders.notice.channel;

import cin.reminders.domain.policy.Postage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Notify letter template a letter goes by. Notify sets postage on the template, not per letter: the default
 * template ({@code notify.letter-template-id}) carries the postage most councils use, and a council whose policy posts
 * by another class has its own template for that class ({@code notify.letter-template-ids.first}); a class without one
 * goes by the default.
 */
public final class LetterTemplates {

    private final String defaultId;
    private final Map<Postage, String> byPostage;

    public LetterTemplates(String defaultId, Map<Postage, String> byPostage) {
        this.defaultId = defaultId;
        this.byPostage = byPostage.isEmpty() ? Map.of() : new EnumMap<>(byPostage);
    }

    /** From configuration: keys {@code first}, {@code second}, {@code economy}; any other key stops the service. */
    public static LetterTemplates of(Optional<String> defaultId, Map<String, String> byCode) {
        Map<Postage, String> byPostage = new EnumMap<>(Postage.class);
        byCode.forEach((code, id) -> byPostage.put(java.util.Arrays.stream(Postage.values())
                .filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("notify.letter-template-ids." + code
                        + ": postage must be first, second or economy")), id));
        return new LetterTemplates(defaultId.orElse(""), byPostage);
    }

    /** Whether any letter template is configured. */
    public boolean configured() {
        return !defaultId.isBlank() || !byPostage.isEmpty();
    }

    public String forPostage(Postage postage) {
        String id = postage == null ? null : byPostage.get(postage);
        return id != null ? id : defaultId;
    }

    /** The start of the next day as Notify counts days (UTC): when a letter over the day's limit may go. */
    public static Instant nextUtcDay(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
