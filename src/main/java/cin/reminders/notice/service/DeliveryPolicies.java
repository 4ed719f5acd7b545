package cin.reminders.notice.service;

import cin.reminders.domain.delivery.DeliveryPolicy;
import cin.reminders.domain.delivery.RetryPolicy;
import cin.reminders.domain.notice.QuietHours;
import cin.reminders.notice.channel.UkMobiles;
import cin.reminders.notice.config.NoticesConfig;
import java.util.concurrent.ThreadLocalRandom;

/** The core's delivery and retry policies, as the service configures them. */
final class DeliveryPolicies {

    private DeliveryPolicies() {
    }

    static DeliveryPolicy delivery() {
        return new DeliveryPolicy(QuietHours.standard(), UkMobiles::normalise);
    }

    static RetryPolicy retry(NoticesConfig.Dispatch settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.firstRetry(), settings.maxRetry(), settings.lease(),
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
