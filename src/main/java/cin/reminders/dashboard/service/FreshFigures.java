package cin.reminders.dashboard.service;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Aggregates that cost the database a second at national scale, kept per key (a council scope and the day) and
 * refreshed behind the reader's back: a view gets the figures at once while they are at most {@code freshFor} old,
 * starts one refresh when they are older, and waits for a refresh only when they are more than twice that (after a
 * quiet spell) or on the first view. So a manager waits for the database at most once per quiet spell, and the
 * figures on the page are at most about {@code 2 × freshFor} old, as the page says. Zero turns it off (every view
 * reads the database).
 */
public final class FreshFigures<K, V> {

    /** A value and when the database said it. */
    public record Fresh<V>(V value, Instant at) {
    }

    private final Duration freshFor;
    private final Supplier<Instant> now;
    private final Map<K, Fresh<V>> values = new ConcurrentHashMap<>();
    private final Map<K, Uni<Fresh<V>>> inFlight = new ConcurrentHashMap<>();

    public FreshFigures(Duration freshFor, Supplier<Instant> now) {
        this.freshFor = freshFor;
        this.now = now;
    }

    public Uni<Fresh<V>> get(K key, Supplier<Uni<V>> load) {
        if (freshFor.isZero()) {
            return Uni.createFrom().deferred(() -> {
                Instant at = now.get();
                return load.get().map(v -> new Fresh<>(v, at));
            });
        }
        Fresh<V> known = values.get(key);
        if (known == null) {
            return refresh(key, load);
        }
        Duration age = Duration.between(known.at(), now.get());
        if (age.compareTo(freshFor.multipliedBy(2)) > 0) {
            return refresh(key, load);
        }
        if (age.compareTo(freshFor) > 0) {
            // Stale but recent: this view gets it now; one refresh goes on behind, and its failure waits for the next.
            refresh(key, load).subscribe().with(v -> { }, f -> { });
        }
        return Uni.createFrom().item(known);
    }

    /** One refresh per key at a time, shared by everyone who asks meanwhile. */
    private Uni<Fresh<V>> refresh(K key, Supplier<Uni<V>> load) {
        return inFlight.computeIfAbsent(key, k -> {
            Instant at = now.get();
            return Uni.createFrom().<V>deferred(load::get)
                    .map(v -> new Fresh<>(v, at))
                    .invoke(fresh -> values.put(k, fresh))
                    // A block: as an expression, remove() returns this very Uni, and eventually(Supplier<Uni>) would wait on it.
                    .eventually(() -> {
                        inFlight.remove(k);
                    })
                    .memoize().indefinitely();
        });
    }

    /** Forgets everything (a day has passed: the keys carry the day, so old ones are only kept from growing). */
    public void forgetOtherThan(java.util.function.Predicate<K> keep) {
        values.keySet().removeIf(k -> !keep.test(k));
    }
}
