package cin.reminders.domain.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.event.AgreedDate;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.PlanType;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/policy.schema.json, the published format (an editor offers completion from it), holds every bundled file,
 * refuses a broken one, and names exactly what the loader knows: no key or value drifts between the two.
 */
class PolicySchemaTest {

    static final Path SCHEMA = Path.of("docs/policy.schema.json");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode schemaNode() throws IOException {
        return JSON.readTree(SCHEMA.toFile());
    }

    static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode());
    }

    static JsonNode bundled(String authority) throws IOException {
        try (InputStream in = TestPolicies.class.getClassLoader().getResourceAsStream("policies/" + authority + ".yaml")) {
            return YAML.readTree(in);
        }
    }

    @Test
    void everyBundledPolicyHoldsToTheSchema() throws IOException {
        JsonSchema schema = schema();
        for (String authority : TestPolicies.AUTHORITIES) {
            Set<ValidationMessage> errors = schema.validate(bundled(authority));
            assertTrue(errors.isEmpty(), authority + ": " + errors);
        }
    }

    /** A second version of a council's policy (CONTRACT-2 §9) holds to the schema; a day that is not a date does not. */
    @Test
    void aVersionedFileHoldsToTheSchema() throws IOException {
        String derbyshire = new String(TestPolicies.class.getClassLoader()
                .getResourceAsStream("policies/derbyshire.yaml").readAllBytes());
        Set<ValidationMessage> errors = schema().validate(YAML.readTree(
                "version: \"2026-2\"\neffectiveFrom: 2026-06-01\n" + derbyshire));
        assertTrue(errors.isEmpty(), errors.toString());
        String all = schema().validate(YAML.readTree("effectiveFrom: 1st June\n" + derbyshire)).stream()
                .map(ValidationMessage::getMessage).collect(Collectors.joining("\n"));
        assertTrue(all.contains("effectiveFrom"), all);
    }

    @Test
    void aBrokenFileFailsTheSchema() throws IOException {
        String broken = new String(TestPolicies.class.getClassLoader()
                .getResourceAsStream("policies/derbyshire.yaml").readAllBytes())
                .replace("template: record-copy", "tempalte: record-copy")
                .replace("  workingDaysBefore:", "  workingDaysBefor:")
                .replaceFirst("on: cin.review.held", "on: cin.reveiw.held");
        Set<ValidationMessage> errors = schema().validate(YAML.readTree(broken));
        String all = errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n"));
        assertFalse(errors.isEmpty());
        assertTrue(all.contains("tempalte"), all);
        assertTrue(all.contains("workingDaysBefor"), all);
        assertTrue(all.contains("on"), all);
    }

    @Test
    void theSchemaNamesWhatTheLoaderKnows() throws IOException {
        JsonNode s = schemaNode();
        JsonNode defs = s.get("$defs");
        assertEquals(PolicyLoader.ROOT_KEYS, keys(s));
        assertEquals(PolicyLoader.CALENDAR_KEYS, keys(s.at("/properties/calendar")));
        assertEquals(PolicyLoader.REMINDER_KEYS, keys(s.at("/properties/reminders")));
        assertEquals(PolicyLoader.LETTERS_KEYS, keys(s.at("/properties/letters")));
        assertEquals(PolicyLoader.SCHOOL_HOURS_KEYS, keys(s.at("/properties/schoolHours")));
        assertEquals(PolicyLoader.AGES_KEYS, keys(s.at("/properties/schoolHours/properties/ages")));
        assertEquals(PolicyLoader.RULE_KEYS, keys(defs.get("rule")));
        assertEquals(PolicyLoader.DUE_KEYS, keys(defs.get("due")));
        assertEquals(PolicyLoader.INTERVAL_KEYS, keys(defs.get("interval")));
        assertEquals(PolicyLoader.DISTRIBUTION_KEYS, keys(defs.get("distribution")));
        assertEquals(PolicyLoader.CONDITION_KEYS, keys(defs.get("condition")));

        assertEquals(names(Arrays.stream(EventType.values()).map(EventType::type)), values(defs.at("/eventType/enum")));
        assertEquals(names(Arrays.stream(ObligationKind.values()).map(Enum::name)), values(defs.at("/obligationKind/enum")));
        assertEquals(names(Arrays.stream(PlanType.values()).map(Enum::name)), values(defs.at("/planType/enum")));
        assertEquals(names(Arrays.stream(DueUnit.values()).map(Enum::name)), values(defs.at("/unit/enum")));
        assertEquals(names(Arrays.stream(DueAnchor.values()).map(Enum::name)), values(defs.at("/due/properties/from/enum")));
        assertEquals(new LinkedHashSet<>(AgreedDate.FIELDS), values(defs.at("/agreedField/enum")));
        assertEquals(names(Arrays.stream(NoticeTemplate.values()).filter(t -> t.distributedOn().isPresent())
                .map(NoticeTemplate::id)), values(defs.at("/distribution/properties/template/enum")));
        assertEquals(names(Arrays.stream(RecordKind.values()).map(Enum::name)),
                values(defs.at("/distribution/properties/record/items/enum")));
        assertEquals(names(Arrays.stream(Role.values()).map(Enum::name)),
                values(defs.at("/distribution/properties/roles/items/enum")));
        assertEquals(names(Arrays.stream(Postage.values()).map(Postage::code)),
                values(s.at("/properties/letters/properties/postage/enum")));
    }

    @Test
    void everyKeyIsDescribed() throws IOException {
        List<String> undescribed = new ArrayList<>();
        describedEverywhere(schemaNode(), "", undescribed);
        assertEquals(List.of(), undescribed);
    }

    /** Every property of every object in the schema carries a description, for the editor to show. */
    private static void describedEverywhere(JsonNode node, String path, List<String> undescribed) {
        JsonNode properties = node.get("properties");
        if (properties != null) {
            properties.fields().forEachRemaining(e -> {
                JsonNode p = e.getValue();
                if (!p.has("description") && !p.has("$ref")) {
                    undescribed.add(path + "/" + e.getKey());
                }
                describedEverywhere(p, path + "/" + e.getKey(), undescribed);
            });
        }
        JsonNode defs = node.get("$defs");
        if (defs != null) {
            defs.fields().forEachRemaining(e -> describedEverywhere(e.getValue(), "#/" + e.getKey(), undescribed));
        }
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new LinkedHashSet<>();
        object.get("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> names(java.util.stream.Stream<String> names) {
        return names.collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void theBundledFilesPointEditorsAtTheSchema() throws IOException {
        for (String authority : TestPolicies.AUTHORITIES) {
            String first = Files.readAllLines(Path.of("src/main/resources/policies/" + authority + ".yaml")).get(0);
            assertEquals("# yaml-language-server: $schema=../../../../docs/policy.schema.json", first);
            assertTrue(Files.exists(Path.of("src/main/resources/policies").resolve("../../../../docs/policy.schema.json")));
        }
    }
}
