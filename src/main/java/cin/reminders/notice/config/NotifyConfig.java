package cin.reminders.notice.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code notify.*} setting: GOV.UK Notify's address, our key (a Kubernetes Secret), one generic
 * template per channel with {@code ((subject))} and {@code ((body))}, and the bearer token Notify sends
 * with delivery receipts. Defaults in application.properties.
 */
@ConfigMapping(prefix = "notify")
public interface NotifyConfig {

    String baseUrl();

    Optional<String> apiKey();

    Optional<String> smsTemplateId();

    Optional<String> emailTemplateId();

    Optional<String> callbackToken();

    /** Requests per minute per replica (Notify allows 3,000 per key). */
    int maxPerMinute();

    /** Threads for the blocking Notify client. */
    int workers();

    /**
     * The letter template ({@code ((subject))}, {@code ((body))}; Notify places the address block itself). Notify sets
     * postage on the template: this one carries the postage most councils use.
     */
    Optional<String> letterTemplateId();

    /**
     * Letter templates by the postage set on them in Notify ({@code first}, {@code second}, {@code economy}), for a
     * council whose policy posts by another class than {@link #letterTemplateId()}'s; a class without one goes by that
     * template.
     */
    Map<String, String> letterTemplateIds();

    /** Letters Notify accepts per key per day (20,000); those over it wait for the next day (UTC). */
    int lettersPerDay();

    /**
     * Letters' share of {@link #maxPerMinute()}: letters go at most this many a minute, so that a day's post never holds
     * back texts and emails, which are paced within the same per-key limit.
     */
    int lettersPerMinute();
}
