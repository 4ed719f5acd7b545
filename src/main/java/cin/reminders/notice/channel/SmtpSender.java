package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.notice.FailureReason;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Email over SMTP with the Quarkus reactive mailer (non-blocking). The notice id travels as the
 * Message-ID, so a message resent after a crash in the send/record window carries the same id and
 * the receiving side can tell it is the same message.
 */
@ApplicationScoped
public class SmtpSender implements MessageSender {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final ReactiveMailer mailer;

    public SmtpSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String provider() {
        return "smtp";
    }

    @Override
    public Uni<SendResult> send(Outbound m) {
        String messageId = "<" + m.noticeId() + "@cin-reminders>";
        Mail mail = Mail.withHtml(m.address(), m.content().subject(), m.content().html())
                .setText(m.content().text())
                .addHeader("Message-ID", messageId)
                .addHeader("X-Notice-Id", m.noticeId().toString());
        return mailer.send(mail)
                .ifNoItem().after(TIMEOUT).failWith(() -> new java.util.concurrent.TimeoutException("SMTP send timed out"))
                .<SendResult>map(x -> new SendResult.Sent(provider(), messageId))
                .onFailure().recoverWithItem(SmtpSender::classify);
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
