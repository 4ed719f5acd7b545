package cin.reminders.notice.config;

import io.smallrye.config.ConfigMapping;
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
}
