package cin.reminders.notice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** What a rendered message counts against staging's heap budget, and what it shows of itself. */
class RenderedMessageTest {

    @Test
    void englishTextCountsAByteACharacter() {
        RenderedMessage m = new RenderedMessage("Reminder", "<p>Hello Sam</p>", "Hello Sam", null, 0, false);
        assertEquals(8 + 16 + 9, m.textBytes());
    }

    @Test
    void textBeyondLatin1CountsTwoBytesACharacter() {
        // One ŵ makes the whole string two bytes a character, as the JVM holds it.
        assertEquals(2 * "Annwyl Gŵen".length(), RenderedMessage.heapBytes("Annwyl Gŵen"));
        // é is Latin-1: still a byte each.
        assertEquals("Chloé".length(), RenderedMessage.heapBytes("Chloé"));
        assertEquals(0, RenderedMessage.heapBytes(null));
    }

    @Test
    void aLetterCountsItsHeadingAndBody() {
        RenderedMessage letter = RenderedMessage.letter("Your plan", "Dear Sam");
        assertEquals(9 + 8, letter.textBytes());
        assertFalse(letter.toString().contains("Sam"), "toString never shows the content");
    }
}
