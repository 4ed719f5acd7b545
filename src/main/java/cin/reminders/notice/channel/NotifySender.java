package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.notice.FailureReason;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * SMS, letters (and optionally email) through GOV.UK Notify with the official client. The client blocks
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
    private final LetterTemplates letterTemplates;
    private final LetterPace letterPace;
    private final LetterQuota letterQuota;

    /**
     * @param letterPacer letters' own, smaller pace, taken before the shared one: a day's post never holds back
     *                    texts and emails, which share the per-key limit
     * @param letterQuota Notify's daily letter limit, taken only when a letter is about to go
     */
    public NotifySender(NotificationClient client, String smsTemplateId, String emailTemplateId, NotifyPacer pacer,
                        ExecutorService workers, LetterTemplates letterTemplates, NotifyPacer letterPacer,
                        LetterQuota letterQuota) {
        this.client = client;
        this.smsTemplateId = smsTemplateId;
        this.emailTemplateId = emailTemplateId;
        this.pacer = pacer;
        this.workers = workers;
        this.letterTemplates = letterTemplates;
        this.letterPace = new LetterPace(letterPacer);
        this.letterQuota = letterQuota;
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
        if (m.channel() != Channel.LETTER) {
            return paced(m);
        }
        // A letter: its turn within letters' share of the pace, then one of the day's letters, then the shared pace.
        Optional<SendResult.Deferred> usedUp = letterQuota.knownUsedUp(Instant.now());
        if (usedUp.isPresent()) { // no turn taken for a letter that cannot go today
            return Uni.createFrom().item(usedUp.get());
        }
        return letterPace.turn(m.noticeId()).chain(later -> later.isPresent()
                ? Uni.createFrom().item(new SendResult.Deferred(later.get(), "waiting its turn: letters go at most "
                        + "notify.letters-per-minute, so that texts and emails keep their pace"))
                : letterQuota.take(Instant.now()).chain(over -> over.isPresent()
                        ? Uni.createFrom().<SendResult>item(over.get()) : paced(m)));
    }

    private Uni<SendResult> paced(Outbound m) {
        return pacer.acquire().chain(() -> blocking(() -> {
            String reference = m.noticeId().toString();
            if (m.channel() == Channel.LETTER) {
                return client.sendLetter(letterTemplates.forPostage(m.postage()), letterPersonalisation(m), reference)
                        .getNotificationId().toString();
            }
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

    /** address_line_1 to address_line_7 (name, lines, postcode), then the heading and the body. */
    static Map<String, String> letterPersonalisation(Outbound m) {
        Map<String, String> p = new LinkedHashMap<>();
        List<String> lines = m.addressLines();
        for (int i = 0; i < lines.size(); i++) {
            p.put("address_line_" + (i + 1), lines.get(i));
        }
        p.put("subject", m.content().subject());
        p.put("body", m.content().letter());
        return p;
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
            String message = n.getMessage() == null ? "" : n.getMessage();
            if (status == 429 && message.contains("TooManyRequestsError")) {
                // The day's limit, not the minute's: nothing more of this kind goes today (UTC, as Notify counts).
                Instant now = Instant.now();
                return new SendResult.Deferred(Duration.between(now, LetterTemplates.nextUtcDay(now)),
                        "Notify's daily limit reached (TooManyRequestsError); waiting for the next day");
            }
            if (status == 429) {
                return new SendResult.RateLimited(pacer.rateLimited());
            }
            if (status == 400 && LETTER_ADDRESS_ERRORS.stream().anyMatch(message::contains)) {
                return new SendResult.Permanent(FailureReason.INVALID_ADDRESS, "Notify 400: " + LETTER_ADDRESS_ERRORS.stream()
                        .filter(message::contains).findFirst().orElseThrow()); // Notify's words, never the address
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

    /** Notify's answers to an address it cannot post to (its documentation's ValidationError messages). */
    static final List<String> LETTER_ADDRESS_ERRORS = List.of(
            "Must be a real UK postcode",
            "Last line of address must be a real UK postcode or another country",
            "Address must be at least 3 lines",
            "Must be a real address");

    @FunctionalInterface
    interface NotifyCall<T> {
        T run() throws Exception;
    }
}
