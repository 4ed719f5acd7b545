package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettleRuleTest {

    static final Instant BORN = Instant.parse("2026-03-02T10:00:00Z");
    static final SettleRule RULE = new SettleRule(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(1));

    static Instant at(String hhmm) {
        return Instant.parse("2026-03-02T" + hhmm + ":00Z");
    }

    @Test
    void anOrdinaryRungFiresWhenDue() {
        assertEquals(Optional.empty(), RULE.waitUntil(at("10:00"), null, at("09:59"), true));
    }

    @Test
    void aRungBornPastWaitsOutTheSettlePeriodAfterTheCasesLastEvent() {
        assertEquals(Optional.of(at("10:15")), RULE.waitUntil(at("10:05"), BORN, BORN, false));
        assertEquals(Optional.of(at("10:22")), RULE.waitUntil(at("10:15"), BORN, at("10:07"), false), "a later event restarts it");
        assertEquals(Optional.empty(), RULE.waitUntil(at("10:22"), BORN, at("10:07"), false));
        assertEquals(Optional.empty(), RULE.waitUntil(at("10:15"), BORN, null, false), "no last event known: its birth counts");
    }

    @Test
    void whileCatchingUpItIsLookedAtAgainInShortSteps() {
        assertEquals(Optional.of(at("10:31")), RULE.waitUntil(at("10:30"), BORN, BORN, true));
        SettleRule shortSettle = new SettleRule(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(1));
        assertEquals(Optional.of(Instant.parse("2026-03-02T10:30:30Z")), shortSettle.waitUntil(at("10:30"), BORN, BORN, true));
    }

    @Test
    void nothingWaitsLongerThanTheSettlePeriodPlusTheCatchUp() {
        // A case with an event every ten minutes, and a consumer that never catches up: fired at 11:15 all the same.
        assertEquals(Optional.of(at("11:15")), RULE.waitUntil(at("11:10"), BORN, at("11:09"), true));
        assertEquals(Optional.of(at("11:15")), RULE.waitUntil(at("11:14"), BORN, at("11:09"), false));
        assertEquals(Optional.empty(), RULE.waitUntil(at("11:15"), BORN, at("11:14"), true));
    }

    @Test
    void aCouncilWithNoSettlePeriodWaitsForNothing() {
        SettleRule none = new SettleRule(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(1));
        assertEquals(Optional.empty(), none.waitUntil(at("10:00"), BORN, BORN, true));
    }
}
