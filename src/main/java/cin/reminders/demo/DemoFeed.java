package cin.reminders.demo;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.ingest.service.IngestService;
import cin.reminders.platform.ServiceClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import cin.reminders.platform.config.RemindersConfig;
import org.jboss.logging.Logger;

/**
 * A few realistic cases, dated relative to today, posted at start-up when
 * {@code reminders.demo.enabled} (by default: when the database is the embedded one), so a
 * newcomer sees obligations appear at once: one overdue, some due soon, some months away.
 * The people are fictional; their addresses use reserved example domains and Ofcom drama numbers.
 */
public class DemoFeed {

    private static final Logger LOG = Logger.getLogger(DemoFeed.class);
    static final String SOURCE = "urn:cin-reminders:demo";

    void onStart(@Observes StartupEvent start, RemindersConfig config,
                 IngestService ingest, CloudEventReader reader, ObjectMapper json, ServiceClock clock) {
        if (!config.demo().enabled()) {
            return;
        }
        List<CaseEvent> events = new Builder(json, clock.today()).build().stream().map(reader::read).toList();
        ingest.ingest(events).subscribe().with(
                r -> LOG.infof("Demo feed: %d events applied (%d already there). Try GET /api/obligations", r.applied(), r.duplicates()),
                f -> LOG.warnf("Demo feed could not be applied: %s", f.toString()));
    }

    /** Builds the demo events. */
    static final class Builder {
        private final ObjectMapper json;
        private final LocalDate today;
        private final List<ObjectNode> out = new ArrayList<>();

        Builder(ObjectMapper json, LocalDate today) {
            this.json = json;
            this.today = today;
        }

        List<ObjectNode> build() {
            // Derbyshire: six-weekly reviews; the first one is now overdue.
            String dy = "DEMO-DY-1";
            people("derbyshire", dy);
            event("derbyshire", dy, "cin.case.opened", 60, "planType", "CHILD_IN_NEED", "longTermSupport", false);
            event("derbyshire", dy, "cin.planning-meeting.held", 50);
            // Durham: a planning meeting last week sets the first review and the care team's first meeting.
            String du = "DEMO-DU-1";
            people("durham", du);
            // A grandparent caring for the child, with no email or mobile: reachable only by post, so the plan copy
            // goes by letter (target/outbox/<notice id>.letter.txt in the demo).
            participant("durham", du, Map.of("id", du + "-gran", "role", "CARER", "name", "Pat Carer",
                    "preferredChannel", "LETTER", "language", "en",
                    "address", Map.of("lines", java.util.List.of("1 Example Cottages", "Durham"), "postcode", "DH1 9ZZ")));
            event("durham", du, "cin.case.opened", 30, "planType", "CHILD_PROTECTION", "longTermSupport", false);
            event("durham", du, "cin.planning-meeting.held", 6, "firstReviewDate", today.plusWeeks(10).toString());
            event("durham", du, "cin.plan.published", 5, "version", 1, "documentUrl", "https://cms.council.example/plans/DEMO-DU-1/1",
                    "amended", false);
            // Portsmouth: transferred to the CIN team, assessed, visited; the initial plan is due soon.
            String po = "DEMO-PO-1";
            people("portsmouth", po);
            event("portsmouth", po, "cin.case.opened", 25, "planType", "CHILD_IN_NEED", "longTermSupport", false);
            event("portsmouth", po, "cin.case.transferred", 12, "toTeam", "Family Support Team");
            event("portsmouth", po, "cin.assessment.completed", 10);
            event("portsmouth", po, "cin.visit.completed", 3, "childSeenAlone", false);
            event("portsmouth", po, "cin.meeting.scheduled", 1, "meeting", "PLANNING",
                    "startsAt", today.plusDays(7).atTime(16, 30).toString(), "venue", "Civic Offices, Guildhall Square",
                    "invitees", java.util.List.of(po + "-parent", po + "-child"));
            // Walsall: a working agreement signed yesterday; legal advice within five working days.
            String wa = "DEMO-WA-1";
            people("walsall", wa);
            event("walsall", wa, "cin.case.opened", 90, "planType", "CHILD_IN_NEED", "longTermSupport", false);
            event("walsall", wa, "cin.planning-meeting.held", 80);
            event("walsall", wa, "cin.working-agreement.signed", 1, "agreementNumber", 1);
            // Hillingdon: a significant change brings the review forward.
            String hl = "DEMO-HL-1";
            people("hillingdon", hl);
            event("hillingdon", hl, "cin.case.opened", 40, "planType", "CHILD_IN_NEED", "longTermSupport", false);
            event("hillingdon", hl, "cin.planning-meeting.held", 35);
            event("hillingdon", hl, "cin.circumstances.changed", 2, "significant", true, "summary", "Change of household");
            return out;
        }

        private void people(String authority, String caseId) {
            participant(authority, caseId, Map.of("id", caseId + "-lp", "role", "LEAD_PROFESSIONAL", "name", "Sam Worker",
                    "preferredChannel", "EMAIL", "language", "en", "email", "sam.worker@council.example"));
            participant(authority, caseId, Map.of("id", caseId + "-tm", "role", "TEAM_MANAGER", "name", "Alex Manager",
                    "preferredChannel", "EMAIL", "language", "en", "email", "alex.manager@council.example"));
            participant(authority, caseId, Map.of("id", caseId + "-parent", "role", "PARENT", "name", "Jo Parent",
                    "preferredChannel", "SMS", "language", "en", "mobile", "07700900123", "email", "jo.parent@family.example"));
            participant(authority, caseId, Map.of("id", caseId + "-child", "role", "CHILD", "name", "Kit",
                    "preferredChannel", "EMAIL", "language", "en", "dateOfBirth", today.minusYears(13).toString(),
                    "email", "kit@family.example"));
        }

        private void participant(String authority, String caseId, Map<String, Object> p) {
            ObjectNode e = envelope(authority, caseId, "cin.participant.upserted", today.minusDays(70));
            ((ObjectNode) e.get("data")).set("participant", json.valueToTree(p));
        }

        private void event(String authority, String caseId, String type, int daysAgo, Object... fields) {
            LocalDate day = today.minusDays(daysAgo);
            ObjectNode data = (ObjectNode) envelope(authority, caseId, type, day).get("data");
            data.put("date", day.toString());
            for (int i = 0; i < fields.length; i += 2) {
                data.set((String) fields[i], json.valueToTree(fields[i + 1]));
            }
        }

        private ObjectNode envelope(String authority, String caseId, String type, LocalDate day) {
            ObjectNode e = json.createObjectNode();
            e.put("specversion", "1.0");
            e.put("id", caseId + "-" + (out.size() + 1));
            e.put("source", SOURCE);
            e.put("type", type);
            e.put("subject", caseId);
            e.put("time", day + "T10:00:00Z");
            e.put("authority", authority);
            e.put("datacontenttype", "application/json");
            e.putObject("data").put("caseId", caseId);
            out.add(e);
            return e;
        }
    }
}
