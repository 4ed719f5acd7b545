package cin.reminders.notice.channel;

import cin.reminders.domain.model.Channel;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.notice.config.NoticesConfig.EmailProvider;
import cin.reminders.notice.config.NoticesConfig.LetterProvider;
import cin.reminders.notice.config.NoticesConfig.SmsProvider;
import cin.reminders.notice.config.NotifyConfig;
import cin.reminders.platform.config.RemindersConfig;
import org.jboss.logging.Logger;
import uk.gov.service.notify.NotificationClient;

/**
 * Which provider carries each channel, by configuration: {@code notices.email.provider} = smtp |
 * notify | outbox | discard, {@code notices.sms.provider} and {@code notices.letter.provider} = notify | outbox | none |
 * discard
 * (discard: benchmarks and load tests only). Unset, email goes by
 * SMTP and SMS by Notify when a Notify key is configured; the embedded demo writes both to a
 * directory.
 */
@ApplicationScoped
@Startup // built at start-up: a channel setting that cannot work stops the service, rather than every send failing later
public class Senders {

    private static final Logger LOG = Logger.getLogger(Senders.class);

    private final MessageSender email;
    private final MessageSender sms;
    private final MessageSender letters;
    private final ExecutorService notifyWorkers;

    public Senders(SmtpSender smtp, NoticesConfig notices, NotifyConfig notifyConfig, RemindersConfig reminders,
                   MeterRegistry metrics, Tracer tracer, LetterQuota letterQuota) {
        cin.reminders.HttpUrlConnectionDefaults.apply(); // in case the service was started without Main (tests)
        boolean demo = reminders.demo().enabled();
        Path outboxDir = notices.outbox().dir();
        this.notifyWorkers = Executors.newFixedThreadPool(notifyConfig.workers(), r -> {
            Thread t = new Thread(r, "notify-client");
            t.setDaemon(true);
            return t;
        });
        LetterTemplates letterTemplates = LetterTemplates.of(notifyConfig.letterTemplateId().filter(t -> !t.isBlank()),
                notifyConfig.letterTemplateIds());
        MessageSender notify = notifyConfig.apiKey().filter(k -> !k.isBlank())
                .<MessageSender>map(k -> new NotifySender(new NotificationClient(k, notifyConfig.baseUrl()),
                        notifyConfig.smsTemplateId().orElse(""), notifyConfig.emailTemplateId().orElse(""),
                        new NotifyPacer(notifyConfig.maxPerMinute()), notifyWorkers, letterTemplates,
                        new NotifyPacer(Math.min(notifyConfig.lettersPerMinute(), notifyConfig.maxPerMinute())), letterQuota))
                .orElse(null);
        MessageSender outbox = new OutboxDirSender(outboxDir);
        EmailProvider emailChoice = notices.email().provider().orElse(demo ? EmailProvider.OUTBOX : EmailProvider.SMTP);
        SmsProvider smsChoice = notices.sms().provider()
                .orElse(notify != null ? SmsProvider.NOTIFY : demo ? SmsProvider.OUTBOX : SmsProvider.NONE);
        MessageSender email = switch (emailChoice) {
            case SMTP -> smtp;
            case OUTBOX -> outbox;
            case NOTIFY -> require(notify, "notices.email.provider=notify");
            case DISCARD -> new DiscardSender();
        };
        MessageSender sms = switch (smsChoice) {
            case NOTIFY -> require(notify, "notices.sms.provider=notify");
            case OUTBOX -> outbox;
            case NONE -> new UnavailableSender("SMS");
            case DISCARD -> new DiscardSender();
        };
        // Letters go with texts: by Notify whenever a key is set (Notify prints and posts through the same key).
        LetterProvider letterChoice = notices.letter().provider()
                .orElse(notify != null ? LetterProvider.NOTIFY : demo ? LetterProvider.OUTBOX : LetterProvider.NONE);
        if (letterChoice == LetterProvider.NOTIFY && !letterTemplates.configured() && notices.letter().provider().isEmpty()) {
            LOG.warn("Letters go by GOV.UK Notify but notify.letter-template-id is not set: Notify will refuse them "
                    + "(each is recorded as failed and the lead professional told) until it is");
        }
        MessageSender letters = switch (letterChoice) {
            case NOTIFY -> {
                if (!letterTemplates.configured() && notices.letter().provider().isPresent()) {
                    throw new IllegalStateException("notices.letter.provider=notify needs notify.letter-template-id");
                }
                yield require(notify, "notices.letter.provider=notify");
            }
            case OUTBOX -> outbox;
            case NONE -> new UnavailableSender("post");
            case DISCARD -> new DiscardSender();
        };
        LOG.infof("Email goes by %s, SMS by %s, letters by %s%s", email.provider(), sms.provider(), letters.provider(),
                email == outbox || sms == outbox || letters == outbox
                        ? " (messages are written to " + outboxDir.toAbsolutePath() + ")" : "");
        this.email = new InstrumentedSender(email, Channel.EMAIL.name(), metrics, tracer);
        this.sms = new InstrumentedSender(sms, Channel.SMS.name(), metrics, tracer);
        this.letters = new InstrumentedSender(letters, Channel.LETTER.name(), metrics, tracer);
    }

    private static MessageSender require(MessageSender notify, String setting) {
        if (notify == null) {
            throw new IllegalStateException(setting + " needs notify.api-key");
        }
        return notify;
    }

    public MessageSender forChannel(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> sms;
            case LETTER -> letters;
        };
    }

    /**
     * Closes the channels' resources (the Notify client's threads). Called by the notice loops' graceful
     * stop once the sends in flight have finished, never on its own: a pool closed under a send in flight
     * would refuse it, and the refusal would be recorded as a failure.
     */
    public void close() {
        notifyWorkers.shutdown();
    }
}
