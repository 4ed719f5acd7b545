package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.notice.FailureReason;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import uk.gov.service.notify.Notification;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;
import uk.gov.service.notify.NotificationList;

/**
 * SMS (and optionally email) through GOV.UK Notify with the official client. The client blocks
 * (HttpURLConnection), so every call runs on a bounded worker pool, never the event loop, under a
 * timeout. Our content goes through one generic Notify template per channel ({@code ((subject))},
 * {@code ((body))}); the notice id is the {@code reference}, which lets us ask Notify after a crash
 * whether it already has the message. Notify has no idempotency key: that look-up is our dedupe.
 */
public class NotifySender implements MessageSender {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final NotificationClient client;
    private final String smsTemplateId;
    private final String emailTemplateId;
    private final NotifyPacer pacer;
    private final ExecutorService workers;

    public NotifySender(NotificationClient client, String smsTemplateId, String emailTemplateId, NotifyPacer pacer,
                        ExecutorService workers) {
        this.client = client;
        this.smsTemplateId = smsTemplateId;
        this.emailTemplateId = emailTemplateId;
        this.pacer = pacer;
        this.workers = workers;
    }

    @Override
    public String provider() {
        return "notify";
    }

    @Override
    public boolean canLookUp() {
        return true;
    }

    @Override
    public Uni<SendResult> send(Outbound m) {
        return pacer.acquire().chain(() -> blocking(() -> {
            String reference = m.noticeId().toString();
            if (m.channel() == Channel.SMS) {
                return client.sendSms(smsTemplateId, m.address(), Map.of("body", m.content().sms()), reference)
                        .getNotificationId().toString();
            }
            return client.sendEmail(emailTemplateId, m.address(),
                    Map.of("subject", m.content().subject(), "body", m.content().text()), reference)
                    .getNotificationId().toString();
        })).<SendResult>map(id -> {
            pacer.succeeded();
            return new SendResult.Sent(provider(), id);
        }).onFailure().recoverWithItem(this::classify);
    }

    @Override
    public Uni<Optional<String>> acceptedAlready(UUID noticeId) {
        return pacer.acquire().chain(() -> blocking(() -> {
            NotificationList list = client.getNotifications(null, null, noticeId.toString(), null);
            return list.getNotifications().stream().findFirst().map(Notification::getId).map(UUID::toString);
        }));
    }

    private <T> Uni<T> blocking(NotifyCall<T> call) {
        return Uni.createFrom().<T>emitter(e -> {
                    try {
                        e.complete(call.run());
                    } catch (Exception ex) {
                        e.fail(ex);
                    }
                })
                .runSubscriptionOn(workers)
                .ifNoItem().after(TIMEOUT).failWith(() -> new TimeoutException("Notify call timed out"))
                .emitOn(Infrastructure.getDefaultExecutor());
    }

    private SendResult classify(Throwable failure) {
        if (failure instanceof NotificationClientException n) {
            int status = n.getHttpResult();
            if (status == 429) {
                return new SendResult.RateLimited(pacer.rateLimited());
            }
            if (status == 400) {
                // e.g. "phone_number Not a UK mobile number"; the message names the field, not the value
                boolean number = n.getMessage() != null && n.getMessage().contains("phone_number");
                return new SendResult.Permanent(number ? FailureReason.INVALID_MOBILE : FailureReason.REJECTED, "Notify 400");
            }
            if (status == 403) {
                return new SendResult.Permanent(FailureReason.REJECTED, "Notify 403 (authentication)");
            }
            if (status > 0) {
                return new SendResult.Transient("Notify " + status);
            }
        }
        // No HTTP answer at all (refused, reset, timed out): say where it failed.
        return new SendResult.Transient(FailureDescription.of(failure));
    }

    @FunctionalInterface
    interface NotifyCall<T> {
        T run() throws Exception;
    }
}
