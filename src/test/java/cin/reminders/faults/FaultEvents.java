package cin.reminders.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Case events for the ingest scenarios. A good case is two events on one key: {@code cin.case.opened}, then
 * {@code cin.working-agreement.signed}, which opens Walsall's W5 {@code LEGAL_ADVICE} obligation unconditionally: an
 * event applied twice would cancel that obligation and open another, so "applied twice" shows as a second
 * {@code LEGAL_ADVICE} row for the case. Fuzzed records are built to be invalid in one of {@link #CATEGORIES} ways
 * and carry a {@code fault-id} header, which the DLQ keeps, so each can be found there.
 */
final class FaultEvents {

    static final String TOPIC = "case-events";
    static final String DLQ = "case-events.dlq";
    static final String AUTHORITY = "walsall";
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> CATEGORIES = List.of(
            "random-bytes", "truncated-json", "empty-value", "null-value", "json-not-an-object",
            "missing-attribute", "unknown-type", "unknown-authority", "bad-date", "wrong-field-type",
            "data-not-an-object", "deep-nesting", "oversized-field", "binary-missing-headers", "invalid-utf8",
            "nul-in-case-id", "bad-specversion", "bad-participant-role", "subject-not-case-id", "case-id-unindexable");

    private FaultEvents() {
    }

    static String caseId(String run, int i) {
        return "F" + run + "-" + i;
    }

    static ObjectNode event(String source, String caseId, String type, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", source);
        e.put("type", type);
        e.put("subject", caseId);
        e.put("time", "2026-03-02T12:00:00Z");
        e.put("authority", AUTHORITY);
        e.put("datacontenttype", "application/json");
        data.put("caseId", caseId);
        data.put("date", "2026-03-02");
        e.set("data", data);
        return e;
    }

    static ObjectNode opened(String source, String caseId) {
        return event(source, caseId, "cin.case.opened", JSON.createObjectNode().put("planType", "CHILD_IN_NEED"));
    }

    static ObjectNode agreement(String source, String caseId) {
        return event(source, caseId, "cin.working-agreement.signed", JSON.createObjectNode().put("agreementNumber", 1));
    }

    /** The two events of good case {@code i}, in order. */
    static List<ProducerRecord<String, byte[]>> goodCase(String source, String run, int i) {
        String id = caseId(run, i);
        return List.of(structured(id, opened(source, id)), structured(id, agreement(source, id)));
    }

    static ProducerRecord<String, byte[]> structured(String key, ObjectNode event) {
        return record(key, bytes(event), false);
    }

    static ProducerRecord<String, byte[]> record(String key, byte[] value, boolean binary) {
        RecordHeaders headers = new RecordHeaders();
        if (!binary) {
            headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(TOPIC, null, key, value, headers);
    }

    static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fuzzed record {@code i} (category {@code i % CATEGORIES.size()}), tagged with fault-id and fault-category. */
    static ProducerRecord<String, byte[]> fuzz(String source, String run, int i, Random random) {
        String category = CATEGORIES.get(i % CATEGORIES.size());
        String caseId = "Z" + run + "-" + i;
        ObjectNode good = random.nextBoolean() ? opened(source, caseId) : agreement(source, caseId);
        ProducerRecord<String, byte[]> r;
        switch (category) {
            case "random-bytes" -> {
                byte[] b = new byte[1 + random.nextInt(512)];
                random.nextBytes(b);
                b[0] = (byte) 0xFF; // never a JSON start
                r = record(caseId, b, false);
            }
            case "truncated-json" -> {
                byte[] full = bytes(good);
                int cut = 1 + random.nextInt(full.length - 2);
                r = record(caseId, java.util.Arrays.copyOf(full, cut), false);
            }
            case "empty-value" -> r = record(caseId, new byte[0], false);
            case "null-value" -> r = record(random.nextBoolean() ? caseId : null, null, false);
            case "json-not-an-object" -> {
                String[] values = {"[]", "42", "\"an event\"", "null", "true", "[{\"specversion\":\"1.0\"}]"};
                r = record(caseId, values[random.nextInt(values.length)].getBytes(StandardCharsets.UTF_8), false);
            }
            case "missing-attribute" -> {
                String[] required = {"specversion", "id", "source", "type"};
                good.remove(required[random.nextInt(required.length)]);
                r = structured(caseId, good);
            }
            case "unknown-type" -> {
                good.put("type", "cin.case.teleported-" + random.nextInt(1000));
                r = structured(caseId, good);
            }
            case "unknown-authority" -> {
                good.put("authority", random.nextBoolean() ? "atlantis" : "");
                r = structured(caseId, good);
            }
            case "bad-date" -> {
                ObjectNode data = (ObjectNode) good.get("data");
                switch (random.nextInt(4)) {
                    case 0 -> data.put("date", "2026-02-30");
                    case 1 -> data.put("date", "yesterday");
                    case 2 -> data.put("date", 20260302);
                    default -> data.putNull("date");
                }
                r = structured(caseId, good);
            }
            case "wrong-field-type" -> {
                ObjectNode data = (ObjectNode) good.get("data");
                if (data.has("planType")) {
                    if (random.nextBoolean()) {
                        data.put("planType", 42);
                    } else {
                        data.put("planType", "SPACE_PLAN");
                    }
                } else {
                    switch (random.nextInt(3)) {
                        case 0 -> data.put("agreementNumber", "one");
                        case 1 -> data.put("agreementNumber", -1);
                        default -> data.put("agreementNumber", 1.5);
                    }
                }
                r = structured(caseId, good);
            }
            case "data-not-an-object" -> {
                if (random.nextBoolean()) {
                    good.put("data", "hello");
                } else {
                    good.putArray("data").add(1).add(2);
                }
                r = structured(caseId, good);
            }
            case "deep-nesting" -> {
                int depth = 2000 + random.nextInt(8000);
                String v = "{\"specversion\":\"1.0\",\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
                r = record(caseId, v.getBytes(StandardCharsets.UTF_8), false);
            }
            case "oversized-field" -> {
                good.put("type", "cin." + "x".repeat(20_000 + random.nextInt(20_000)));
                r = structured(caseId, good);
            }
            case "binary-missing-headers" -> {
                RecordHeaders headers = new RecordHeaders();
                headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                if (random.nextBoolean()) {
                    headers.add("ce_type", good.get("type").asText().getBytes(StandardCharsets.UTF_8));
                } else {
                    headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                }
                headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                r = new ProducerRecord<>(TOPIC, null, caseId, bytes(good.get("data")), headers);
            }
            case "invalid-utf8" -> {
                String marker = "@@BAD@@";
                good.put("subject", marker);
                ((ObjectNode) good.get("data")).put("caseId", marker);
                byte[] b = bytes(good);
                String s = new String(b, StandardCharsets.ISO_8859_1).replace(marker, "\u00C3\u0028\u00FF");
                r = record(caseId, s.getBytes(StandardCharsets.ISO_8859_1), false);
            }
            case "nul-in-case-id" -> {
                String bad = caseId + "\u0000";
                good.put("subject", bad);
                ((ObjectNode) good.get("data")).put("caseId", bad);
                r = structured(bad, good);
            }
            case "bad-specversion" -> {
                good.put("specversion", random.nextBoolean() ? "0.3" : "2.0");
                r = structured(caseId, good);
            }
            case "bad-participant-role" -> {
                ObjectNode p = JSON.createObjectNode().put("id", "p" + i).put("role", "WIZARD").put("name", "Someone")
                        .put("preferredChannel", "EMAIL").put("language", "en").put("email", "p" + i + "@faults.example");
                ObjectNode e = event(source, caseId, "cin.participant.upserted", JSON.createObjectNode());
                ((ObjectNode) e.get("data")).remove("date");
                ((ObjectNode) e.get("data")).set("participant", p);
                r = structured(caseId, e);
            }
            case "subject-not-case-id" -> {
                good.put("subject", caseId + "-other");
                r = structured(caseId, good);
            }
            case "case-id-unindexable" -> {
                // Valid by the contract (no length limit), but 4,000 random characters do not fit a b-tree entry.
                StringBuilder longId = new StringBuilder("U");
                while (longId.length() < 4000) {
                    longId.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
                }
                good.put("subject", longId.toString());
                ((ObjectNode) good.get("data")).put("caseId", longId.toString());
                r = structured(caseId, good);
            }
            default -> throw new IllegalStateException(category);
        }
        r.headers().add("fault-id", (run + "-" + i).getBytes(StandardCharsets.UTF_8));
        r.headers().add("fault-category", category.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    static List<String> categoriesFor(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(CATEGORIES.get(i % CATEGORIES.size()));
        }
        return out;
    }
}
