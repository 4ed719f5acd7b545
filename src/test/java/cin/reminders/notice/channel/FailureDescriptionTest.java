package cin.reminders.notice.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailureDescriptionTest {

    @Test
    void namesTheFailureAndWhereNeverItsMessage() {
        Exception failure = new UncheckedIOException("to 07700900123",
                new ConnectException("Connection refused sending to jane@example.org"));

        String reason = FailureDescription.of(failure);

        assertTrue(reason.startsWith("UncheckedIOException caused by ConnectException at "), reason);
        assertTrue(reason.contains(FailureDescriptionTest.class.getName() + ".namesTheFailureAndWhereNeverItsMessage"), reason);
        assertFalse(reason.contains("07700") || reason.contains("jane"), reason);
    }
}
