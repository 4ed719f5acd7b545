package bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The event-fed national data set (issue 14): case histories published through Kafka to the running service, so that
 * obligations, reminder ladders and notices are what the service itself writes.
 * <p>
 * The organisation: {@code cases / caseload} lead professionals in teams of {@code team-size}; each team belongs to one
 * council (the five bundled ones, by EventGen's weights) and has one team manager. A case goes to a lead chosen at
 * random (so caseloads vary around {@code caseload}, as real ones do) and is put in the lead's team by a
 * {@code cin.case.transferred} on the day it opens. A case's history ends {@code 0..window} days before {@code today},
 * lasting an exponentially distributed {@code mean-history} days before that; {@code closed} of the cases end with a
 * closing review and {@code cin.case.closed}.
 * <p>
 * Every case's story is drawn from its own random stream (seed, case number), so any date range of it can be
 * produced again identically: the harness (bench/national.sh) produces the history in steps, the service's clock
 * started at the end of each step, so that notices are sent on the days they would have been.
 * <ul>
 * <li>{@code span}: prints the first event date of the data set.</li>
 * <li>{@code produce --bootstrap B --after D1 --until D2 [--rate R]}: the events dated after D1 (exclusive; none:
 * from the start) up to D2 (inclusive), in date order, keyed by case id, at most R a second (0: unpaced).</li>
 * <li>{@code drain --jdbc URL --clock-offset-ms MS [--all-rungs]}: waits until no notice and no reminder rung is due
 * on the service's clock (real time + offset) and the notices stopped changing; rungs waiting for their case to
 * settle count only with {@code --all-rungs}.</li>
 * </ul>
 * Common: {@code --cases 400000 --caseload 20 --team-size 8 --closed 0.05 --window 180 --mean-history 45
 * --max-history 730 --today YYYY-MM-DD --seed 14}.
 */
public final class NationalBuilder {

    static final String[] COUNCILS = EventGen.COUNCILS;
    static final String[] PREFIX = EventGen.PREFIX;
    static final double[] COUNCIL_WEIGHT = EventGen.COUNCIL_WEIGHT;
    /** Marks a mobile the Notify stub refuses as "not a UK mobile" (bench/national.sh starts it so): FAILED notices. */
    static final String FAILING_MOBILE = "07700900999";

    final int cases;
    final int leads;
    final int teamSize;
    final int teams;
    final double closedShare;
    final int window;
    final double meanHistory;
    final int maxHistory;
    final LocalDate today;
    final long seed;
    final int[] teamCouncil;

    NationalBuilder(Args a) {
        cases = a.getInt("cases", 400_000);
        int caseload = a.getInt("caseload", 20);
        teamSize = a.getInt("team-size", 8);
        leads = Math.max(1, (int) Math.round((double) cases / caseload));
        teams = (leads + teamSize - 1) / teamSize;
        closedShare = Double.parseDouble(a.get("closed", "0.05"));
        window = a.getInt("window", 180);
        meanHistory = Double.parseDouble(a.get("mean-history", "45"));
        maxHistory = a.getInt("max-history", 730);
        today = LocalDate.parse(a.get("today", LocalDate.now(ZoneOffset.UTC).toString()));
        seed = a.getLong("seed", 14);
        // Teams' councils by cumulative weight, so each council has whole teams.
        teamCouncil = new int[teams];
        for (int t = 0; t < teams; t++) {
            double x = (t + 0.5) / teams;
            int c = 0;
            while (c < COUNCIL_WEIGHT.length - 1 && x >= cum(c)) {
                c++;
            }
            teamCouncil[t] = c;
        }
    }

    private static double cum(int c) {
        double s = 0;
        for (int i = 0; i <= c; i++) {
            s += COUNCIL_WEIGHT[i];
        }
        return s;
    }

    public static void main(String[] argv) throws Exception {
        String cmd = argv[0];
        Args a = new Args(java.util.Arrays.copyOfRange(argv, 1, argv.length));
        switch (cmd) {
            case "span" -> new NationalBuilder(a).span();
            case "produce" -> new NationalBuilder(a).produce(a);
            case "drain" -> drain(a);
            default -> throw new IllegalArgumentException(cmd);
        }
    }

    // ---- Stories ------------------------------------------------------------------------------------------------

    record Ev(LocalDate date, int order, String type, ObjectNode data) {
    }

    record Story(int idx, String caseId, String authority, List<Ev> events) {
    }

    record Person(String id, ObjectNode json) {
    }

    /** Case {@code idx}'s whole history, in publication order; the same for the same seed whatever is asked of it. */
    Story story(int idx) {
        return story(idx, null, null);
    }

    /** The same, or null when no event of it falls after {@code after} (null: any) up to {@code until} (null: any). */
    Story story(int idx, LocalDate after, LocalDate until) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + idx);
        int lead = rnd.nextInt(leads);
        int team = lead / teamSize;
        int council = teamCouncil[team];
        String authority = COUNCILS[council];
        String caseId = String.format("%s-%07d", PREFIX[council], idx);
        String teamName = String.format("Team %04d", team);
        String lp = "lp-" + lead;
        String tm = "tm-" + team;
        String planType = EventGen.pick(rnd, new String[] {"CHILD_IN_NEED", "CHILD_PROTECTION", "LOOKED_AFTER", "EARLY_HELP", "PATHWAY"},
                new double[] {0.68, 0.20, 0.06, 0.04, 0.02});
        boolean lts = rnd.nextDouble() < 0.10;
        boolean closed = rnd.nextDouble() < closedShare;
        LocalDate end = today.minusDays(rnd.nextInt(window + 1));
        int length = (int) Math.min(maxHistory, Math.round(-meanHistory * Math.log(1 - rnd.nextDouble())));
        LocalDate start = end.minusDays(length);
        // Every event falls within [start, end]: a case outside the range asked for costs no more than this.
        if ((after != null && !end.isAfter(after)) || (until != null && start.isAfter(until))) {
            return null;
        }

        List<Ev> ev = new ArrayList<>();
        int[] order = {0};
        // add(): an event on a day, kept only if the history has not ended by then.
        class Add {
            boolean add(LocalDate day, String type, Consumer<ObjectNode> data) {
                if (day.isAfter(end)) {
                    return false;
                }
                ObjectNode d = Results.JSON.createObjectNode();
                d.put("caseId", caseId);
                if (!type.startsWith("cin.participant.")) {
                    d.put("date", day.toString());
                }
                data.accept(d);
                ev.add(new Ev(day, order[0]++, type, d));
                return true;
            }

            void participant(LocalDate day, ObjectNode p) {
                add(day, "cin.participant.upserted", d -> d.set("participant", p));
            }
        }
        Add b = new Add();

        // Referral: the people known on day one, the opening and the transfer into the lead's team.
        b.participant(start, professional(lp, "LEAD_PROFESSIONAL", "Lead Professional " + lead, authority, rnd.nextDouble() < 0.05));
        b.add(start, "cin.case.opened", d -> {
            d.put("planType", planType);
            d.put("longTermSupport", lts);
        });
        b.add(start, "cin.case.transferred", d -> d.put("toTeam", teamName));
        b.participant(start, professional(tm, "TEAM_MANAGER", "Team Manager " + team, authority, false));
        List<String> family = new ArrayList<>();
        String postcode = postcode(rnd);
        int childAge = rnd.nextInt(18);
        if (rnd.nextDouble() < 0.8) {
            ObjectNode c = familyMember("ch-" + idx, "CHILD", "Child " + idx, rnd, postcode, childAge >= 12, childAge);
            b.participant(start, c);
            if (childAge >= 12) {
                family.add("ch-" + idx);
            }
        }
        if (rnd.nextDouble() < 0.9) {
            b.participant(start, familyMember("pa-" + idx + "-1", "PARENT", "Parent one " + idx, rnd, postcode, true, -1));
            family.add("pa-" + idx + "-1");
        }
        if (rnd.nextDouble() < 0.4) {
            b.participant(start, familyMember("pa-" + idx + "-2", "PARENT", "Parent two " + idx, rnd, postcode(rnd), true, -1));
            family.add("pa-" + idx + "-2");
        }
        if (rnd.nextDouble() < 0.15) {
            b.participant(start, familyMember("ca-" + idx, "CARER", "Carer " + idx, rnd, postcode, true, -1));
            family.add("ca-" + idx);
        }
        int agencies = rnd.nextDouble() < 0.4 ? (rnd.nextDouble() < 0.25 ? 2 : 1) : 0;
        for (int k = 1; k <= agencies; k++) {
            String id = "ag-" + idx + "-" + k;
            ObjectNode ag = EventGen.person(id, "AGENCY", "Agency contact " + k + " of " + idx, id + "@agency.example",
                    null, "EMAIL", "en", null);
            ag.put("agency", EventGen.pick(rnd, new String[] {"School", "Health visitor", "GP", "Police", "Youth service"},
                    new double[] {0.4, 0.2, 0.2, 0.1, 0.1}));
            b.participant(start, ag);
            family.add(id);
        }

        // Assessment, initial plan, planning meeting and its record, the plan.
        LocalDate day = start.plusDays(5 + rnd.nextInt(26));
        b.add(day, "cin.assessment.completed", d -> {
        });
        day = day.plusDays(rnd.nextInt(8));
        b.add(day, "cin.plan.initial-created", d -> {
        });
        day = day.plusDays(5 + rnd.nextInt(16));
        LocalDate pm = day;
        int cadence = reviewCadence(council, lts);
        boolean agreedFirst = rnd.nextDouble() < 0.3;
        LocalDate firstReview = pm.plusDays(Math.min(cadence, 28 + rnd.nextInt(28)));
        b.add(pm, "cin.planning-meeting.held", d -> {
            if (agreedFirst) {
                d.put("firstReviewDate", firstReview.toString());
            }
        });
        LocalDate pmRecord = pm.plusDays(rnd.nextInt(12));
        b.add(pmRecord, "cin.record.published", d -> {
            d.put("record", "PLANNING_MEETING");
            d.put("documentUrl", "https://cms.example/" + caseId + "/records/planning-meeting");
            d.put("meetingDate", pm.toString());
        });
        int[] version = {1};
        b.add(pm.plusDays(rnd.nextInt(4)), "cin.plan.published", plan(caseId, version[0]++, false));

        // Then three rhythms side by side until the history ends: visits, care-team meetings, reviews (sorted below).
        Add l = b;
        for (LocalDate v = start.plusDays(7 + rnd.nextInt(15)); !v.isAfter(end); v = v.plusDays(gap(rnd, 14, 42, 0.15, 70))) {
            boolean alone = rnd.nextDouble() < 0.5;
            l.add(v, "cin.visit.completed", d -> d.put("childSeenAlone", alone));
        }
        for (LocalDate c = pm.plusDays(10 + rnd.nextInt(10)); !c.isAfter(end); c = c.plusDays(gap(rnd, 35, 56, 0.15, 84))) {
            LocalDate m = c;
            boolean next = rnd.nextDouble() < 0.5;
            l.add(m, "cin.care-team.meeting-held", d -> {
                if (next) {
                    ObjectNode n = d.putObject("nextMeeting");
                    n.put("date", m.plusWeeks(6).toString());
                    n.put("time", "10:00");
                    n.put("venue", "Family centre");
                }
            });
            l.add(m.plusDays(rnd.nextInt(10)), "cin.record.published", d -> {
                d.put("record", "CARE_TEAM_MEETING");
                d.put("documentUrl", "https://cms.example/" + caseId + "/records/care-team-" + m);
                d.put("meetingDate", m.toString());
            });
        }
        List<String> invitees = new ArrayList<>(List.of(lp));
        invitees.addAll(family);
        int agreement = 1;
        for (LocalDate r = agreedFirst ? firstReview : pm.plusDays(cadence); ; ) {
            // Most reviews on time; a few late (the obligation overdue until then).
            LocalDate held = r.plusDays(rnd.nextDouble() < 0.85 ? -rnd.nextInt(8) : 1 + rnd.nextInt(30));
            if (held.isAfter(end)) {
                // Scheduled, not yet held, when the history ends: the invitations are out.
                LocalDate sched = held.minusDays(14 + rnd.nextInt(8));
                if (!sched.isAfter(end) && sched.isAfter(pm)) {
                    l.add(sched, "cin.meeting.scheduled", meeting(held, invitees, rnd));
                }
                break;
            }
            LocalDate sched = held.minusDays(14 + rnd.nextInt(8));
            if (sched.isAfter(pm)) {
                l.add(sched, "cin.meeting.scheduled", meeting(held, invitees, rnd));
            }
            boolean formal = rnd.nextDouble() < 0.15;
            boolean amended = rnd.nextDouble() < 0.3;
            boolean agreed = rnd.nextDouble() < 0.4;
            LocalDate next = held.plusDays(cadence);
            double x = rnd.nextDouble();
            String outcome = x < 0.93 ? "CONTINUE" : x < 0.97 ? "REASSESS" : "STEP_UP";
            l.add(held, "cin.review.held", d -> {
                d.put("outcome", outcome);
                d.put("formal", formal);
                d.put("planAmended", amended);
                if (agreed) {
                    d.put("nextReviewDate", next.toString());
                }
            });
            LocalDate rec = held.plusDays(1 + rnd.nextInt(10));
            l.add(rec, "cin.record.published", d -> {
                d.put("record", "REVIEW");
                d.put("documentUrl", "https://cms.example/" + caseId + "/records/review-" + held);
                d.put("meetingDate", held.toString());
            });
            if (amended) {
                int v = version[0]++;
                l.add(rec, "cin.plan.published", plan(caseId, v, true));
            }
            if (council == 3 && rnd.nextDouble() < 0.3) { // Walsall's working agreements
                int n = agreement++;
                l.add(held.plusDays(rnd.nextInt(7)), "cin.working-agreement.signed", d -> d.put("agreementNumber", n));
            }
            if (rnd.nextDouble() < 0.1) {
                boolean significant = rnd.nextDouble() < 0.3;
                l.add(held.plusDays(10 + rnd.nextInt(30)), "cin.circumstances.changed", d -> {
                    d.put("significant", significant);
                    d.put("summary", significant ? "Change in household" : "Change of school");
                });
            }
            r = next;
        }
        ev.sort(Comparator.comparing(Ev::date).thenComparingInt(Ev::order));
        if (closed) {
            LocalDate last = ev.get(ev.size() - 1).date();
            LocalDate closeOn = last.isAfter(end) ? last : end;
            ev.add(new Ev(closeOn, order[0]++, "cin.review.held", closing(caseId, closeOn)));
            ObjectNode d = Results.JSON.createObjectNode();
            d.put("caseId", caseId);
            d.put("date", closeOn.toString());
            d.put("reason", "Needs met: stepped down to universal services");
            ev.add(new Ev(closeOn, order[0]++, "cin.case.closed", d));
        }
        return new Story(idx, caseId, authority, ev);
    }

    private static ObjectNode closing(String caseId, LocalDate day) {
        ObjectNode d = Results.JSON.createObjectNode();
        d.put("caseId", caseId);
        d.put("date", day.toString());
        d.put("outcome", "CLOSE");
        d.put("formal", false);
        d.put("planAmended", false);
        return d;
    }

    /** Days between reviews as each council's policy sets them (the cadence a team works to). */
    private static int reviewCadence(int council, boolean lts) {
        return switch (COUNCILS[council]) {
            case "derbyshire" -> lts ? 365 : 42;
            case "hillingdon" -> lts ? 182 : 91;
            case "walsall" -> 182;
            case "portsmouth" -> 91;
            default -> 91; // durham: the date agreed at each meeting; three months is the common choice
        };
    }

    /** A gap of min..max days, or now and then a longer one (up to longest): the visits that slipped. */
    private static int gap(SplittableRandom rnd, int min, int max, double slip, int longest) {
        return rnd.nextDouble() < slip ? max + 1 + rnd.nextInt(longest - max) : min + rnd.nextInt(max - min + 1);
    }

    private static Consumer<ObjectNode> meeting(LocalDate on, List<String> invitees, SplittableRandom rnd) {
        String time = rnd.nextDouble() < 0.5 ? "10:00:00" : "16:00:00";
        int room = 1 + rnd.nextInt(20);
        return d -> {
            d.put("meeting", "REVIEW");
            d.put("startsAt", on + "T" + time);
            d.put("venue", "Council offices, meeting room " + room);
            ArrayNode inv = d.putArray("invitees");
            invitees.forEach(inv::add);
        };
    }

    private static Consumer<ObjectNode> plan(String caseId, int version, boolean amended) {
        return d -> {
            d.put("version", version);
            d.put("documentUrl", "https://cms.example/" + caseId + "/plan/v" + version);
            d.put("amended", amended);
        };
    }

    private static ObjectNode professional(String id, String role, String name, String authority, boolean sms) {
        ObjectNode p = EventGen.person(id, role, name, id + "@" + authority + ".gov.example",
                sms ? "07700900" + String.format("%03d", Math.abs(id.hashCode()) % 999) : null, sms ? "SMS" : "EMAIL", "en", null);
        return p;
    }

    /**
     * A family member: email 55 %, text 30 %, post 10 % (no email or mobile, an address), the rest with a mobile
     * but preferring email they do not have (the service picks what works). Every one has an address; 3 % of mobiles
     * are ones Notify refuses, 5 % of addresses confidential, 10 % of parents receive no copies (withheld).
     */
    private ObjectNode familyMember(String id, String role, String name, SplittableRandom rnd, String postcode,
                                           boolean contactable, int age) {
        double x = rnd.nextDouble();
        String channel = x < 0.55 ? "EMAIL" : x < 0.85 ? "SMS" : x < 0.95 ? "LETTER" : "EMAIL";
        String email = contactable && x < 0.55 ? id + "." + Math.abs(rnd.nextInt()) + "@family.example" : null;
        String mobile = contactable && (x >= 0.55 && x < 0.85 || x >= 0.95 || rnd.nextDouble() < 0.4)
                ? (rnd.nextDouble() < 0.03 ? FAILING_MOBILE : String.format("07700900%03d", rnd.nextInt(999))) : null;
        if (!contactable) {
            channel = "EMAIL"; // a young child: neither email nor mobile; no copies go to them anyway (childCopyMinAge)
        }
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
        p.put("preferredChannel", channel.equals("EMAIL") && email == null && mobile != null ? "SMS" : channel);
        p.put("language", rnd.nextDouble() < 0.03 ? "cy" : "en");
        if (age >= 0) {
            p.put("dateOfBirth", today.minusYears(age).minusDays(1 + rnd.nextInt(360)).toString());
        }
        ObjectNode addr = p.putObject("address");
        ArrayNode lines = addr.putArray("lines");
        lines.add((1 + rnd.nextInt(200)) + " " + EventGen.pick(rnd, new String[] {"High Street", "Station Road", "Church Lane", "Park Avenue"},
                new double[] {0.25, 0.25, 0.25, 0.25}));
        lines.add("Townsville");
        addr.put("postcode", postcode);
        if (role.equals("PARENT") && rnd.nextDouble() < 0.1) {
            p.put("receivesCopies", false);
            p.put("withholdReason", "court order");
        }
        if (rnd.nextDouble() < 0.05) {
            p.put("addressConfidential", true);
        }
        return p;
    }

    private static String postcode(SplittableRandom rnd) {
        String[] areas = {"DE1", "DH1", "WS1", "UB8", "PO1"};
        String inward = "ABDEFGHJLNPQRSTUWXYZ"; // the inward code's letters are never C, I, K, M, O or V
        return areas[rnd.nextInt(areas.length)] + " " + (1 + rnd.nextInt(9)) + inward.charAt(rnd.nextInt(inward.length()))
                + inward.charAt(rnd.nextInt(inward.length()));
    }

    // ---- Commands -----------------------------------------------------------------------------------------------

    void span() {
        LocalDate first = today;
        long events = 0;
        for (int i = 0; i < cases; i++) {
            Story s = story(i);
            if (s.events().get(0).date().isBefore(first)) {
                first = s.events().get(0).date();
            }
            events += s.events().size();
        }
        System.out.println(first + " " + events);
    }

    record Out(LocalDate date, int idx, int seq, String key, byte[] value, String type) {
    }

    void produce(Args a) throws Exception {
        String bootstrap = a.require("bootstrap");
        String topic = a.get("topic", "case-events");
        String afterArg = a.get("after", "none");
        LocalDate after = afterArg.equals("none") ? null : LocalDate.parse(afterArg);
        LocalDate until = LocalDate.parse(a.require("until"));
        double rate = Double.parseDouble(a.get("rate", "0"));
        long t0 = System.nanoTime();
        List<Out> out = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Story s = story(i, after, until);
            if (s == null) {
                continue;
            }
            String source = "urn:cms:" + s.authority();
            int seq = 0;
            for (Ev e : s.events()) {
                seq++;
                if ((after != null && !e.date().isAfter(after)) || e.date().isAfter(until)) {
                    continue;
                }
                ObjectNode ce = Results.JSON.createObjectNode();
                ce.put("specversion", "1.0");
                ce.put("id", s.caseId() + "-" + seq);
                ce.put("source", source);
                ce.put("type", e.type());
                ce.put("subject", s.caseId());
                ce.put("time", e.date() + "T12:00:00Z");
                ce.put("authority", s.authority());
                ce.put("datacontenttype", "application/json");
                ce.set("data", e.data());
                out.add(new Out(e.date(), i, seq, s.caseId(), Results.JSON.writeValueAsBytes(ce), e.type()));
            }
        }
        out.sort(Comparator.comparing(Out::date).thenComparingInt(Out::idx).thenComparingInt(Out::seq));
        double genSeconds = (System.nanoTime() - t0) / 1e9;

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        TreeMap<String, Long> byType = new TreeMap<>();
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (Out e : out) {
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
                sent++;
                // Paced: never ahead of rate × elapsed (checked every 200 events).
                if (rate > 0 && sent % 200 == 0) {
                    long aheadNanos = (long) (sent / rate * 1e9) - (System.nanoTime() - start);
                    if (aheadNanos > 0) {
                        Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
                    }
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
        ObjectNode line = Results.line("national_produce");
        line.put("after", afterArg);
        line.put("until", until.toString());
        line.put("events", acked.get());
        line.put("generate_s", genSeconds);
        line.put("seconds", secs);
        line.put("events_per_s", acked.get() / Math.max(secs, 1e-9));
        ObjectNode types = line.putObject("types");
        byType.forEach(types::put);
        Results.write(line);
        if (acked.get() != out.size()) {
            throw new IllegalStateException("acked " + acked.get() + " of " + out.size());
        }
    }

    /** Waits until nothing is due on the service's clock and the notices stopped changing for 3 readings. */
    static void drain(Args a) throws Exception {
        long offset = a.getLong("clock-offset-ms", 0);
        boolean allRungs = a.getBool("all-rungs", false);
        long timeout = a.getLong("timeout", 3600);
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        long t0 = System.nanoTime();
        String sql = """
                select (select count(*) from notice where status in ('SCHEDULED', 'SENDING') and next_attempt_at <= ?),
                       (select count(*) from reminder_rung where due_at <= ?""" + (allRungs ? "" : " and born_past is null") + """
                       ),
                       (select count(*) from reminder_rung where due_at <= ? and born_past is not null),
                       (select count(*) from notice)""";
        long lastTotal = -1;
        int stable = 0;
        long lastPrint = 0;
        try (Connection c = Db.connect(a.require("jdbc")); PreparedStatement ps = c.prepareStatement(sql)) {
            while (true) {
                Timestamp now = Timestamp.from(Instant.now().plusMillis(offset));
                ps.setTimestamp(1, now);
                ps.setTimestamp(2, now);
                ps.setTimestamp(3, now);
                long dueNotices;
                long dueRungs;
                long settling;
                long total;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    dueNotices = rs.getLong(1);
                    dueRungs = rs.getLong(2);
                    settling = rs.getLong(3);
                    total = rs.getLong(4);
                }
                stable = dueNotices == 0 && dueRungs == 0 && total == lastTotal ? stable + 1 : 0;
                lastTotal = total;
                if (stable >= 3) {
                    ObjectNode line = Results.line("national_drain");
                    line.put("seconds", (System.nanoTime() - t0) / 1e9);
                    line.put("notices", total);
                    line.put("rungs_settling", settling);
                    Results.write(line);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not drained: " + dueNotices + " notices and " + dueRungs + " rungs due");
                }
                if (System.nanoTime() - lastPrint > 15_000_000_000L) {
                    System.err.printf("[drain] %,d notices and %,d reminder rungs due, %,d rungs settling, %,d notices%n",
                            dueNotices, dueRungs, settling, total);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(2000);
            }
        }
    }
}
