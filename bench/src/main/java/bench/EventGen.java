package bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces realistic, contract-valid case events (CONTRACT.md §1, structured CloudEvents binding)
 * to {@code case-events}, keyed by case id, for the ingest measure.
 * <p>
 * Every case has a story in the order a case-management system would publish it: the lead
 * professional is upserted, the case opened, the team manager upserted, an assessment completed,
 * family and agency participants added, a planning meeting held, the plan published, visits,
 * a review scheduled and held, care-team meetings, working agreements, records published... Each
 * case publishes a prefix of its story (at least the lead professional and the opening), the prefix
 * lengths drawn so that {@code --events} spread over {@code --cases}: most cases in a replay of open
 * cases are recent referrals with a few events, a minority have long histories. Cases are produced
 * in interleaved date order (chunks of 5,000 cases), one case's events always in order.
 * <p>
 * {@code --bootstrap --topic case-events --events 1000000 --cases 400000 --anchor 2026-11-20 --seed 42}
 */
public final class EventGen {

    static final String[] COUNCILS = {"derbyshire", "hillingdon", "durham", "walsall", "portsmouth"};
    static final String[] PREFIX = {"DY", "HI", "DU", "WA", "PO"};
    static final double[] COUNCIL_WEIGHT = {0.30, 0.15, 0.20, 0.20, 0.15};

    record Ev(LocalDate date, int caseIdx, int seq, String key, byte[] value, String type) {
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String bootstrap = a.require("bootstrap");
        String topic = a.get("topic", "case-events");
        long events = a.getLong("events", 1_000_000);
        int cases = a.getInt("cases", 400_000);
        LocalDate anchor = LocalDate.parse(a.get("anchor", LocalDate.now().toString()));
        SplittableRandom rnd = new SplittableRandom(a.getLong("seed", 42));

        // Story lengths: at least 2 (lead professional + opening), mean events/cases.
        double extraMean = (double) events / cases - 2.0;
        if (extraMean < 0) {
            throw new IllegalArgumentException("need at least 2 events per case");
        }
        double p = 1.0 / (1.0 + extraMean); // geometric on {0,1,2,...} with this mean
        int[] lengths = new int[cases];
        long total = 0;
        for (int i = 0; i < cases; i++) {
            int extra = 0;
            while (rnd.nextDouble() > p && extra < 40) {
                extra++;
            }
            lengths[i] = 2 + extra;
            total += lengths[i];
        }
        // Hit the exact total: nudge random cases up or down (never below 2).
        while (total != events) {
            int i = rnd.nextInt(cases);
            if (total < events) {
                lengths[i]++;
                total++;
            } else if (lengths[i] > 2) {
                lengths[i]--;
                total--;
            }
        }

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, a.get("compression", "lz4"));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        TreeMap<String, Long> byType = new TreeMap<>();
        AtomicLong bytes = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            int chunk = 5000;
            for (int from = 0; from < cases; from += chunk) {
                List<Ev> batch = new ArrayList<>();
                for (int c = from; c < Math.min(cases, from + chunk); c++) {
                    batch.addAll(story(c, lengths[c], anchor, rnd));
                }
                batch.sort(Comparator.comparing(Ev::date).thenComparingInt(Ev::caseIdx).thenComparingInt(Ev::seq));
                for (Ev e : batch) {
                    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, e.key(), e.value());
                    r.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                    producer.send(r, (md, ex) -> {
                        if (ex != null) {
                            failure.compareAndSet(null, ex);
                        } else {
                            acked.incrementAndGet();
                        }
                    });
                    byType.merge(e.type(), 1L, Long::sum);
                    bytes.addAndGet(e.value().length);
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        ObjectNode out = Results.line("produce");
        out.put("events", acked.get());
        out.put("cases", cases);
        out.put("bytes", bytes.get());
        out.put("avg_value_bytes", bytes.get() / Math.max(1, acked.get()));
        out.put("seconds", secs);
        out.put("events_per_s", acked.get() / secs);
        ObjectNode types = out.putObject("types");
        byType.forEach(types::put);
        Results.write(out);
        if (acked.get() != events) {
            throw new IllegalStateException("acked " + acked.get() + " of " + events);
        }
    }

    private static int council(SplittableRandom rnd) {
        double x = rnd.nextDouble();
        for (int i = 0; i < COUNCIL_WEIGHT.length; i++) {
            x -= COUNCIL_WEIGHT[i];
            if (x < 0) {
                return i;
            }
        }
        return COUNCIL_WEIGHT.length - 1;
    }

    /** The first {@code length} events of case {@code idx}'s story. */
    static List<Ev> story(int idx, int length, LocalDate anchor, SplittableRandom rnd) {
        int council = council(rnd);
        String authority = COUNCILS[council];
        String caseId = String.format("%s-%07d", PREFIX[council], idx);
        String source = "urn:cms:" + authority;
        // Lead professionals carry ~20 cases each, team managers lead ~8 of them.
        int lpNo = idx / 20;
        String lp = "lp-" + PREFIX[council].toLowerCase() + "-" + lpNo;
        String tm = "tm-" + PREFIX[council].toLowerCase() + "-" + lpNo / 8;
        String child = "ch-" + idx;
        String parent = "pa-" + idx;
        String agency = "ag-" + (idx % 997);
        boolean hasChild = rnd.nextDouble() < 0.6;
        boolean hasParent = rnd.nextDouble() < 0.7;
        boolean hasAgency = rnd.nextDouble() < 0.3;
        String planType = pick(rnd, new String[] {"CHILD_IN_NEED", "CHILD_PROTECTION", "LOOKED_AFTER", "EARLY_HELP", "PATHWAY"},
                new double[] {0.68, 0.20, 0.06, 0.04, 0.02});
        boolean lts = rnd.nextDouble() < 0.15;

        // Dates: opened within the 300 days before the anchor, later events spaced out, never after the anchor.
        LocalDate[] day = {anchor.minusDays(rnd.nextInt(300))};
        Builder b = new Builder(idx, caseId, authority, source, length);

        b.participant(day[0], person(lp, "LEAD_PROFESSIONAL", "Lead Professional " + lp, lp + "@" + authority + ".gov.example", null, "EMAIL", "en", null));
        b.add(day[0], "cin.case.opened", d -> {
            d.put("planType", planType);
            d.put("longTermSupport", lts);
        });
        b.participant(day[0], person(tm, "TEAM_MANAGER", "Team Manager " + tm, tm + "@" + authority + ".gov.example", null, "EMAIL", "en", null));
        step(day, anchor, rnd, 7, 40);
        b.add(day[0], "cin.assessment.completed", d -> {
        });
        if (hasChild) {
            LocalDate dob = anchor.minusDays(365L * 2 + rnd.nextInt(365 * 15));
            ObjectNode c = person(child, "CHILD", "Child " + idx, rnd.nextBoolean() ? child + "@family.example" : null,
                    mobile(rnd), "SMS", rnd.nextDouble() < 0.05 ? "cy" : "en", dob);
            if (rnd.nextDouble() < 0.3) {
                c.put("receivesCopies", true);
            }
            b.participant(day[0], c);
        }
        if (hasParent) {
            ObjectNode pa = person(parent, "PARENT", "Parent " + idx, parent + "@family.example", mobile(rnd),
                    rnd.nextDouble() < 0.6 ? "EMAIL" : "SMS", rnd.nextDouble() < 0.05 ? "cy" : "en", null);
            if (rnd.nextDouble() < 0.1) {
                pa.put("receivesCopies", false);
                pa.put("withholdReason", "court order");
            } else {
                pa.put("receivesCopies", true);
            }
            if (rnd.nextDouble() < 0.05) {
                pa.put("addressConfidential", true);
            }
            b.participant(day[0], pa);
        }
        if (hasAgency) {
            ObjectNode ag = person(agency, "AGENCY", "Agency contact " + agency, agency + "@agency.example", null, "EMAIL", "en", null);
            ag.put("agency", pick(rnd, new String[] {"School", "Health visitor", "GP", "Police", "Youth service"},
                    new double[] {0.4, 0.2, 0.2, 0.1, 0.1}));
            b.participant(day[0], ag);
        }
        b.add(day[0], "cin.plan.initial-created", d -> {
        });
        step(day, anchor, rnd, 3, 14);
        b.add(day[0], "cin.planning-meeting.held", d -> {
            if (rnd.nextDouble() < 0.3) {
                d.put("firstReviewDate", day[0].plusWeeks(4 + rnd.nextInt(4)).toString());
            }
        });
        int version = 1;
        b.add(day[0], "cin.plan.published", planPublished(caseId, version++, false));
        List<String> invitees = new ArrayList<>(List.of(lp, tm));
        if (hasParent) {
            invitees.add(parent);
        }
        if (hasAgency) {
            invitees.add(agency);
        }
        int agreement = 1;
        int visits = 0;
        // The rest of the story repeats a cycle: visits, a care-team meeting, a review scheduled and held, records.
        while (b.size() < length) {
            step(day, anchor, rnd, 5, 20);
            b.add(day[0], "cin.visit.completed", d -> d.put("childSeenAlone", rnd.nextDouble() < 0.5));
            visits++;
            step(day, anchor, rnd, 3, 15);
            LocalDate meetingDay = day[0];
            b.add(day[0], "cin.care-team.meeting-held", d -> {
                if (rnd.nextDouble() < 0.5) {
                    ObjectNode next = d.putObject("nextMeeting");
                    next.put("date", meetingDay.plusWeeks(4).toString());
                    next.put("time", "10:00");
                    next.put("venue", "Family centre, room " + (1 + rnd.nextInt(9)));
                }
            });
            step(day, anchor, rnd, 2, 10);
            LocalDate startsOn = day[0].plusDays(7 + rnd.nextInt(14));
            b.add(day[0], "cin.meeting.scheduled", d -> {
                d.put("meeting", "REVIEW");
                d.put("startsAt", startsOn + "T10:00:00");
                d.put("venue", "Council offices, meeting room " + (1 + rnd.nextInt(20)));
                ArrayNode inv = d.putArray("invitees");
                invitees.forEach(inv::add);
            });
            if (visits % 2 == 0) {
                int n = agreement++;
                b.add(day[0], "cin.working-agreement.signed", d -> d.put("agreementNumber", n));
            }
            step(day, anchor, rnd, 5, 20);
            b.add(day[0], "cin.review.held", d -> {
                double x = rnd.nextDouble();
                d.put("outcome", x < 0.9 ? "CONTINUE" : x < 0.95 ? "REASSESS" : "STEP_UP");
                d.put("formal", rnd.nextDouble() < 0.2);
                d.put("planAmended", rnd.nextDouble() < 0.3);
            });
            b.add(day[0], "cin.record.published", d -> {
                d.put("record", "REVIEW");
                d.put("documentUrl", "https://cms.example/" + caseId + "/records/review-" + day[0]);
            });
            if (rnd.nextDouble() < 0.3) {
                b.add(day[0], "cin.plan.published", planPublished(caseId, version++, true));
            }
            if (rnd.nextDouble() < 0.2) {
                b.add(day[0], "cin.circumstances.changed", d -> {
                    d.put("significant", false);
                    d.put("summary", "Change of school");
                });
            }
        }
        return b.events;
    }

    private static java.util.function.Consumer<ObjectNode> planPublished(String caseId, int version, boolean amended) {
        return d -> {
            d.put("version", version);
            d.put("documentUrl", "https://cms.example/" + caseId + "/plan/v" + version);
            d.put("amended", amended);
        };
    }

    private static void step(LocalDate[] day, LocalDate anchor, SplittableRandom rnd, int min, int max) {
        LocalDate next = day[0].plusDays(min + rnd.nextInt(max - min + 1));
        day[0] = next.isAfter(anchor) ? anchor : next;
    }

    private static String mobile(SplittableRandom rnd) {
        return String.format("07700900%03d", rnd.nextInt(1000)); // Ofcom's drama range: valid, never a real phone
    }

    static String pick(SplittableRandom rnd, String[] values, double[] weights) {
        double x = rnd.nextDouble();
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    static ObjectNode person(String id, String role, String name, String email, String mobile, String channel,
                             String language, LocalDate dob) {
        ObjectNode p = Results.JSON.createObjectNode();
        p.put("id", id);
        p.put("role", role);
        p.put("name", name);
        if (email != null) {
            p.put("email", email);
        }
        if (mobile != null) {
            p.put("mobile", mobile);
        }
        p.put("preferredChannel", email == null && "EMAIL".equals(channel) ? "SMS" : mobile == null ? "EMAIL" : channel);
        p.put("language", language);
        if (dob != null) {
            p.put("dateOfBirth", dob.toString());
        }
        return p;
    }

    /** Collects a case's events up to its story length. */
    static final class Builder {
        final int idx;
        final String caseId;
        final String authority;
        final String source;
        final int length;
        final List<Ev> events = new ArrayList<>();

        Builder(int idx, String caseId, String authority, String source, int length) {
            this.idx = idx;
            this.caseId = caseId;
            this.authority = authority;
            this.source = source;
            this.length = length;
        }

        int size() {
            return events.size();
        }

        void participant(LocalDate day, ObjectNode person) {
            add(day, "cin.participant.upserted", null, d -> d.set("participant", person));
        }

        void add(LocalDate day, String type, java.util.function.Consumer<ObjectNode> data) {
            add(day, type, day, data);
        }

        private void add(LocalDate orderDay, String type, LocalDate dataDate, java.util.function.Consumer<ObjectNode> data) {
            if (events.size() >= length) {
                return;
            }
            int seq = events.size() + 1;
            ObjectNode e = Results.JSON.createObjectNode();
            e.put("specversion", "1.0");
            e.put("id", caseId + "-" + seq);
            e.put("source", source);
            e.put("type", type);
            e.put("subject", caseId);
            e.put("time", orderDay + "T12:00:00Z");
            e.put("authority", authority);
            e.put("datacontenttype", "application/json");
            ObjectNode d = e.putObject("data");
            d.put("caseId", caseId);
            if (dataDate != null) {
                d.put("date", dataDate.toString());
            }
            data.accept(d);
            try {
                events.add(new Ev(orderDay, idx, seq, caseId, Results.JSON.writeValueAsBytes(e), type));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
