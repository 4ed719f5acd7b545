package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Notice ids are stored: the faster derivation must give the ids the JDK's did, for any key. */
class NoticeIdProperties {

    @Property(tries = 2000)
    void sameIdAsNameUuidFromBytes(@ForAll String key) {
        assertEquals(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)), NoticeIntent.idOf(key));
    }
}
