package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.notice.FailureReason;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Email over SMTP (non-blocking), through the Vert.x mail client that {@code quarkus.mailer.*} configures (server,
 * TLS, login, pool, DKIM). The notice id travels as the Message-ID, so a message resent after a crash in the
 * send/record window carries the same id and the receiving side can tell it is the same message.
 * <p>
 * A message has one recipient, in {@code To}, and no {@code Cc}, {@code Bcc} or {@code Reply-To} header. It is built
 * here as a Vert.x {@link MailMessage} rather than a Quarkus {@code Mail}: the Quarkus mailer always hands Vert.x a
 * copy list, empty when no one is copied, and Vert.x then writes an empty {@code Cc:} header, which RFC 5322 does not
 * allow (an address list has at least one address) and spam filters score. {@code quarkus.mailer.from} and
 * {@code quarkus.mailer.bounce-address} apply as they do for the Quarkus mailer. {@code quarkus.mailer.mock} and
 * {@code quarkus.mailer.approved-recipients} belong to the Quarkus mailer, so this sender refuses to start with them
 * rather than ignore them: to keep mail from leaving, use {@code notices.email.provider=outbox}.
 */
@ApplicationScoped
public class SmtpSender implements MessageSender {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final MailClient client;
    private final String from;
    private final String bounceAddress;

    public SmtpSender(MailClient client,
                      @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from,
                      @ConfigProperty(name = "quarkus.mailer.bounce-address") Optional<String> bounceAddress,
                      @ConfigProperty(name = "quarkus.mailer.mock") Optional<Boolean> mock,
                      @ConfigProperty(name = "quarkus.mailer.approved-recipients") Optional<List<String>> approvedRecipients) {
        if (mock.orElse(LaunchMode.current().isDevOrTest())) {
            throw new IllegalStateException("quarkus.mailer.mock is on, and the smtp email provider sends for real:"
                    + " set quarkus.mailer.mock=false, or notices.email.provider=outbox to keep mail from leaving");
        }
        if (approvedRecipients.filter(list -> !list.isEmpty()).isPresent()) {
            throw new IllegalStateException("quarkus.mailer.approved-recipients is not applied by the smtp email"
                    + " provider: remove it, or use notices.email.provider=outbox to keep mail from leaving");
        }
        this.client = client;
        this.from = from.orElse(null);
        this.bounceAddress = bounceAddress.orElse(null);
    }

    @Override
    public String provider() {
        return "smtp";
    }

    @Override
    public Uni<SendResult> send(Outbound m) {
        String messageId = "<" + m.noticeId() + "@cin-reminders>";
        return client.sendMail(message(m, messageId))
                .ifNoItem().after(TIMEOUT).failWith(() -> new java.util.concurrent.TimeoutException("SMTP send timed out"))
                .<SendResult>map(x -> new SendResult.Sent(provider(), messageId))
                .onFailure().recoverWithItem(SmtpSender::classify);
    }

    /** One recipient in {@code To}; Cc and Bcc stay unset (null), so Vert.x writes no header for them. */
    MailMessage message(Outbound m, String messageId) {
        MailMessage message = new MailMessage()
                .setFrom(from)
                .setTo(m.address())
                .setSubject(m.content().subject())
                .setText(m.content().text())
                .setHtml(m.content().html())
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add("Message-ID", messageId)
                        .add("X-Notice-Id", m.noticeId().toString()));
        if (bounceAddress != null) {
            message.setBounceAddress(bounceAddress);
        }
        return message;
    }

    static SendResult classify(Throwable failure) {
        if (failure instanceof SMTPException smtp && smtp.isPermanent()) {
            return new SendResult.Permanent(smtp.getReplyCode() == 550 || smtp.getReplyCode() == 553 ? FailureReason.UNDELIVERABLE : FailureReason.REJECTED,
                    "SMTP " + smtp.getReplyCode());
        }
        return new SendResult.Transient(failure instanceof SMTPException smtp ? "SMTP " + smtp.getReplyCode()
                : FailureDescription.of(failure));
    }
}
