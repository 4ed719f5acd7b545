package cin.reminders.notice.channel;

import cin.reminders.domain.model.Channel;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.gov.service.notify.NotificationClient;

/**
 * Which provider carries each channel, by configuration: {@code notices.email.provider} = smtp |
 * notify | outbox | discard, {@code notices.sms.provider} = notify | outbox | none | discard
 * (discard: benchmarks and load tests only). Unset, email goes by
 * SMTP and SMS by Notify when a Notify key is configured; the embedded demo writes both to a
 * directory.
 */
@ApplicationScoped
public class Senders {

    private static final Logger LOG = Logger.getLogger(Senders.class);

    private final MessageSender email;
    private final MessageSender sms;
    private final ExecutorService notifyWorkers;

    public Senders(SmtpSender smtp,
                   @ConfigProperty(name = "notices.email.provider") Optional<String> emailProvider,
                   @ConfigProperty(name = "notices.sms.provider") Optional<String> smsProvider,
                   @ConfigProperty(name = "notices.outbox.dir", defaultValue = "target/outbox") Path outboxDir,
                   @ConfigProperty(name = "notify.base-url", defaultValue = "https://api.notifications.service.gov.uk") String notifyUrl,
                   @ConfigProperty(name = "notify.api-key") Optional<String> notifyKey,
                   @ConfigProperty(name = "notify.sms-template-id") Optional<String> smsTemplate,
                   @ConfigProperty(name = "notify.email-template-id") Optional<String> emailTemplate,
                   @ConfigProperty(name = "notify.max-per-minute", defaultValue = "3000") int perMinute,
                   @ConfigProperty(name = "notify.workers", defaultValue = "16") int workers,
                   @ConfigProperty(name = "reminders.demo.enabled", defaultValue = "false") boolean demo) {
        cin.reminders.HttpUrlConnectionDefaults.apply(); // in case the service was started without Main (tests)
        this.notifyWorkers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "notify-client");
            t.setDaemon(true);
            return t;
        });
        MessageSender notify = notifyKey.filter(k -> !k.isBlank())
                .<MessageSender>map(k -> new NotifySender(new NotificationClient(k, notifyUrl), smsTemplate.orElse(""), emailTemplate.orElse(""),
                        new NotifyPacer(perMinute), notifyWorkers))
                .orElse(null);
        MessageSender outbox = new OutboxDirSender(outboxDir);
        String emailChoice = emailProvider.orElse(demo ? "outbox" : "smtp");
        String smsChoice = smsProvider.orElse(notify != null ? "notify" : demo ? "outbox" : "none");
        this.email = switch (emailChoice) {
            case "smtp" -> smtp;
            case "outbox" -> outbox;
            case "notify" -> require(notify, "notices.email.provider=notify");
            case "discard" -> new DiscardSender();
            default -> throw new IllegalStateException("notices.email.provider must be smtp, notify, outbox or discard");
        };
        this.sms = switch (smsChoice) {
            case "notify" -> require(notify, "notices.sms.provider=notify");
            case "outbox" -> outbox;
            case "none" -> new UnavailableSender("SMS");
            case "discard" -> new DiscardSender();
            default -> throw new IllegalStateException("notices.sms.provider must be notify, outbox, none or discard");
        };
        LOG.infof("Email goes by %s, SMS by %s%s", email.provider(), sms.provider(),
                email == outbox || sms == outbox ? " (messages are written to " + outboxDir.toAbsolutePath() + ")" : "");
    }

    private static MessageSender require(MessageSender notify, String setting) {
        if (notify == null) {
            throw new IllegalStateException(setting + " needs notify.api-key");
        }
        return notify;
    }

    public MessageSender forChannel(Channel channel) {
        return channel == Channel.SMS ? sms : email;
    }

    void shutdown(@Observes ShutdownEvent event) {
        notifyWorkers.shutdown();
    }
}
