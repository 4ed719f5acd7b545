package cin.reminders.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SourceBindingsTest {

    static final Predicate<String> KNOWN = Set.of("durham", "walsall", "derbyshire", "hillingdon", "portsmouth")::contains;

    final SourceBindings bindings = SourceBindings.of(Map.of(
            "urn:cms:durham", List.of("durham"),
            "https://cms.example.gov.uk/events?region=west", List.of("walsall", " hillingdon ")), KNOWN);

    @Test
    void withNoBindingAnySourceMaySpeakForAnyCouncil() {
        for (SourceBindings none : List.of(SourceBindings.none(), SourceBindings.of(Map.of(), KNOWN),
                SourceBindings.of(null, KNOWN))) {
            assertFalse(none.configured());
            assertTrue(none.allows("urn:anything", "durham"));
            assertTrue(none.allows("urn:anything", "atlantis"), "unknown councils are the reader's business, not this one's");
        }
    }

    @Test
    void aBoundSourceMaySpeakForItsCouncils() {
        assertTrue(bindings.configured());
        assertTrue(bindings.allows("urn:cms:durham", "durham"));
        assertTrue(bindings.allows("https://cms.example.gov.uk/events?region=west", "walsall"));
        assertTrue(bindings.allows("https://cms.example.gov.uk/events?region=west", "hillingdon"), "blanks around a council are ignored");
    }

    @Test
    void aBoundSourceMayNotSpeakForAnotherCouncil() {
        assertFalse(bindings.allows("urn:cms:durham", "walsall"));
        assertFalse(bindings.allows("https://cms.example.gov.uk/events?region=west", "durham"));
    }

    @Test
    void anUnboundSourceMaySpeakForNoCouncilOnceAnyBindingExists() {
        assertFalse(bindings.allows("urn:cms:rogue", "durham"));
        assertFalse(bindings.allows(null, "durham"));
        assertFalse(bindings.allows("urn:cms:durham", null));
    }

    @Test
    void sourcesAreComparedExactly() {
        assertFalse(bindings.allows("URN:CMS:DURHAM", "durham"));
        assertFalse(bindings.allows("urn:cms:durham ", "durham"));
        assertFalse(bindings.allows("urn:cms:durham", "Durham"));
    }

    @Test
    void theBindingsAreListedForTheStartUpLog() {
        assertEquals(Map.of("urn:cms:durham", Set.of("durham"),
                "https://cms.example.gov.uk/events?region=west", Set.of("walsall", "hillingdon")), bindings.asMap());
    }

    @Test
    void aBindingToACouncilWithNoPolicyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceBindings.of(Map.of("urn:cms:durham", List.of("durham", "durhamm")), KNOWN));
        assertTrue(e.getMessage().contains("urn:cms:durham") && e.getMessage().contains("durhamm"), e.getMessage());
    }

    @Test
    void aSourceBoundToNoCouncilIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SourceBindings.of(Map.of("urn:cms:durham", List.of()), KNOWN));
        assertThrows(IllegalArgumentException.class, () -> SourceBindings.of(Map.of("urn:cms:durham", List.of(" ", "")), KNOWN));
    }

    @Test
    void aBlankSourceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SourceBindings.of(Map.of(" ", List.of("durham")), KNOWN));
    }

    @Test
    void aMisQuotedSourceIsRefusedWithAHint() {
        // reminders.sources."urn:cms:durham"=durham in a .properties file: the first ':' ends the key.
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put("\"urn", List.of("cms:durham\"=durham"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceBindings.of(config, KNOWN));
        assertTrue(e.getMessage().contains("\\:"), e.getMessage());
    }
}
