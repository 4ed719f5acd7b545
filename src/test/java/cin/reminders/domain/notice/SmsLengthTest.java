package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmsLengthTest {

    @Test
    void gsmFragmentsAre160Then153() {
        assertEquals(1, SmsLength.of("a".repeat(160)).fragments());
        assertEquals(2, SmsLength.of("a".repeat(161)).fragments());
        assertEquals(2, SmsLength.of("a".repeat(306)).fragments());
        assertEquals(3, SmsLength.of("a".repeat(307)).fragments());
        assertFalse(SmsLength.of("Hello £5 @ café").unicode());
    }

    @Test
    void extensionCharactersCountTwice() {
        assertEquals(2, SmsLength.of("{" + "a".repeat(159)).fragments());
    }

    @Test
    void welshLettersForceUcs2At70Then67() {
        SmsLength welsh = SmsLength.of("Mae'r cyfarfod ddydd Llun. Dŵr.");
        assertTrue(welsh.unicode());
        assertEquals(1, SmsLength.of("ŵ" + "a".repeat(69)).fragments());
        assertEquals(2, SmsLength.of("ŵ" + "a".repeat(70)).fragments());
        assertEquals(3, SmsLength.of("â" + "a".repeat(134)).fragments());
    }

    @Test
    void notifyRefusesMoreThan918Characters() {
        assertTrue(SmsLength.of("a".repeat(918)).fits());
        assertFalse(SmsLength.of("a".repeat(919)).fits());
    }
}
