package cin.reminders.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.dashboard.service.FreshFigures;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The dashboard's figures: fresh enough at once, refreshed behind the reader, waited for only after a quiet spell. */
class FreshFiguresTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T09:00:00Z"));
    final AtomicInteger loads = new AtomicInteger();
    final FreshFigures<String, Integer> figures = new FreshFigures<>(Duration.ofMinutes(1), now::get);

    Uni<Integer> load() {
        return Uni.createFrom().item(loads::incrementAndGet);
    }

    int view() {
        return figures.get("durham", this::load).await().atMost(Duration.ofSeconds(5)).value();
    }

    @Test
    void theFirstViewWaitsAndTheNextMinuteOfViewsReadNothing() {
        assertEquals(1, view());
        now.set(now.get().plusSeconds(59));
        assertEquals(1, view());
        assertEquals(1, view());
        assertEquals(1, loads.get());
    }

    @Test
    void aStaleViewGetsTheKnownFiguresAtOnceAndStartsOneRefresh() {
        view();
        now.set(now.get().plusSeconds(90));
        assertEquals(1, view(), "served at once, the refresh behind it");
        assertEquals(2, loads.get(), "one refresh");
        assertEquals(2, view(), "the next view sees the refreshed figures");
        assertEquals(2, loads.get());
    }

    @Test
    void afterAQuietSpellTheViewWaitsForFreshFigures() {
        view();
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertEquals(2, view(), "figures more than twice fresh-for old are not shown");
    }

    @Test
    void scopesAreKeptApart() {
        assertEquals(1, view());
        assertEquals(2, figures.get("walsall", this::load).await().atMost(Duration.ofSeconds(5)).value());
    }

    @Test
    void zeroReadsTheDatabaseOnEveryView() {
        FreshFigures<String, Integer> live = new FreshFigures<>(Duration.ZERO, now::get);
        assertEquals(1, live.get("durham", this::load).await().atMost(Duration.ofSeconds(5)).value());
        assertEquals(2, live.get("durham", this::load).await().atMost(Duration.ofSeconds(5)).value());
    }
}
