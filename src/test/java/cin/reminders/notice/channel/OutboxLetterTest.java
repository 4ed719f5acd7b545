package cin.reminders.notice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.policy.Postage;
import cin.reminders.notice.render.RenderedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's letters: a {@code .letter.txt} per letter in the outbox, as Notify would print it, found by its id. */
class OutboxLetterTest {

    @TempDir
    Path dir;

    @Test
    void aLetterIsWrittenAsNotifyWouldPrintItAndFoundByItsId() throws Exception {
        OutboxDirSender outbox = new OutboxDirSender(dir);
        UUID id = UUID.randomUUID();
        Outbound letter = new Outbound(id, Channel.LETTER, "Pat Carer\n1 Example Cottages\nDurham\nDH1 9ZZ",
                RenderedMessage.letter("A copy of the plan", "Dear Pat Carer,\n\nYour social worker has sent you a copy."),
                NoticeTemplate.PLAN_COPY, "DEMO-DU-1", null, Postage.SECOND);
        SendResult result = outbox.send(letter).await().atMost(Duration.ofSeconds(5));
        assertEquals(new SendResult.Sent("outbox", id + ".letter.txt"), result);
        String text = Files.readString(dir.resolve(id + ".letter.txt"));
        assertTrue(text.startsWith("Pat Carer\n1 Example Cottages\nDurham\nDH1 9ZZ\n\nA copy of the plan\n\nDear Pat Carer,"), text);
        assertTrue(text.contains("Postage: second class"), text);
        assertEquals(Optional.of(id + ".letter.txt"), outbox.acceptedAlready(id).await().atMost(Duration.ofSeconds(5)));
    }
}
