package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.model.Channel;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * For the embedded demo only: writes each message to a file ({@code <notice id>.eml} or
 * {@code .sms.txt}) instead of sending it, so a newcomer can read what families and professionals
 * would receive without an SMTP server or a Notify account.
 */
public class OutboxDirSender implements MessageSender {

    private final Path dir;

    public OutboxDirSender(Path dir) {
        this.dir = dir;
    }

    @Override
    public String provider() {
        return "outbox";
    }

    @Override
    public boolean canLookUp() {
        return true;
    }

    @Override
    public Uni<SendResult> send(Outbound m) {
        return Uni.createFrom().<SendResult>item(() -> {
            try {
                Files.createDirectories(dir);
                Path file = file(m.noticeId(), m.channel());
                String content = switch (m.channel()) {
                    case SMS -> "To: " + m.address() + "\n\n" + m.content().sms() + "\n";
                    case EMAIL -> "To: " + m.address() + "\nSubject: " + m.content().subject() + "\nMessage-ID: <"
                            + m.noticeId() + "@cin-reminders>\nContent-Type: text/plain; charset=UTF-8\n\n"
                            + m.content().text() + "\n";
                    // What Notify would print: the address block, the heading, the body; and the postage.
                    case LETTER -> m.address() + "\n\n" + m.content().subject() + "\n\n" + m.content().letter()
                            + "\n\n-- \nPostage: " + (m.postage() == null ? "second" : m.postage().code())
                            + " class. Reference: " + m.noticeId() + "\n";
                };
                Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                return new SendResult.Sent(provider(), file.getFileName().toString());
            } catch (IOException e) {
                return new SendResult.Transient("cannot write to the outbox directory");
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<Optional<String>> acceptedAlready(UUID noticeId) {
        return Uni.createFrom().item(() -> {
            for (Channel c : Channel.values()) {
                if (Files.exists(file(noticeId, c))) {
                    return Optional.of(file(noticeId, c).getFileName().toString());
                }
            }
            return Optional.<String>empty();
        });
    }

    private Path file(UUID id, Channel channel) {
        return dir.resolve(id + switch (channel) {
            case SMS -> ".sms.txt";
            case EMAIL -> ".eml";
            case LETTER -> ".letter.txt";
        });
    }
}
