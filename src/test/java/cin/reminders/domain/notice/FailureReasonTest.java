package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The codes are stored in notice data ({@code failedReason}): they are pinned. */
class FailureReasonTest {

    @Test
    void storedCodesNeverChange() {
        assertEquals(List.of("no-contact", "invalid-mobile", "rejected", "undeliverable", "gave-up", "invalid-address",
                        "too-late-for-post", "returned"),
                Arrays.stream(FailureReason.values()).map(FailureReason::code).toList());
    }

    @Test
    void everyCodeReadsBackAndAnUnknownOneReadsAsNone() {
        for (FailureReason r : FailureReason.values()) {
            assertEquals(Optional.of(r), FailureReason.fromCode(r.code()));
        }
        assertTrue(FailureReason.fromCode("something-new").isEmpty());
        assertTrue(FailureReason.fromCode("NO_CONTACT").isEmpty(), "the stored code, not the constant's name");
        assertTrue(FailureReason.fromCode(null).isEmpty());
    }
}
