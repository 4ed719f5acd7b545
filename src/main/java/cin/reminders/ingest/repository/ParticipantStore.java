package cin.reminders.ingest.repository;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PostalAddress;
import cin.reminders.domain.model.Role;
import cin.reminders.platform.sql.Columns;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.PersonRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code participant} table: every statement on it and its row mapping. A case's people are kept in
 * {@code position} order, the order they were upserted in: the last holder of a role is its current one. A
 * participant's postal address is two columns of the row ({@code address_lines}, {@code address_postcode}, V10),
 * written and read with the rest, and deleted with the row.
 */
@ApplicationScoped
public class ParticipantStore {

    /** A case's people in position order, and the highest position stored (new upserts go after it). */
    public record People(Map<String, Participant> byId, int lastPosition) {

        public static final People NONE = new People(Map.of(), -1);

        public List<Participant> inOrder() {
            return List.copyOf(byId.values());
        }
    }

    /** A participant written at a position of its case. */
    public record Placed(CaseRef caseRef, int position, Participant participant) {
    }

    /** The people of each named case (a case with none is absent from the map). */
    public Uni<Map<CaseRef, People>> forCases(SqlClient c, Collection<CaseRef> refs) {
        return c.preparedQuery("""
                        select p.* from participant p join unnest($1::text[], $2::text[]) as u(a, id)
                            on p.authority = u.a and p.case_id = u.id
                        order by p.authority, p.case_id, p.position""")
                .execute(CaseRecordStore.refsTuple(refs))
                .map(rows -> {
                    Map<CaseRef, LinkedHashMap<String, Participant>> people = new HashMap<>();
                    Map<CaseRef, Integer> last = new HashMap<>();
                    for (Row r : rows) {
                        CaseRef caseId = new CaseRef(r.getString("authority"), r.getString("case_id"));
                        people.computeIfAbsent(caseId, k -> new LinkedHashMap<>()).put(r.getString("participant_id"), row(r));
                        last.merge(caseId, r.getInteger("position"), Math::max);
                    }
                    Map<CaseRef, People> out = new HashMap<>();
                    people.forEach((caseId, byId) -> out.put(caseId, new People(byId, last.get(caseId))));
                    return out;
                });
    }

    /**
     * Each professional as their latest row says (their contact details and language), whichever case it is on: the
     * recipients of digests, which belong to a person rather than a case.
     */
    public Uni<Map<PersonRef, Participant>> latestOf(SqlClient c, Collection<PersonRef> people) {
        if (people.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<PersonRef> list = List.copyOf(people);
        return c.preparedQuery("""
                        select distinct on (p.authority, p.participant_id) p.* from participant p
                        join unnest($1::text[], $2::text[]) as u(a, id) on p.authority = u.a and p.participant_id = u.id
                        order by p.authority, p.participant_id, p.updated_at desc""")
                .execute(Tuple.of(list.stream().map(PersonRef::authority).toArray(String[]::new),
                        list.stream().map(PersonRef::participantId).toArray(String[]::new)))
                .map(rows -> {
                    Map<PersonRef, Participant> out = new HashMap<>();
                    rows.forEach(r -> out.put(new PersonRef(r.getString("authority"), r.getString("participant_id")), row(r)));
                    return out;
                });
    }

    /** One case's people in position order. */
    public Uni<List<Participant>> forCase(SqlClient c, CaseRef ref) {
        return forCases(c, List.of(ref)).map(m -> m.getOrDefault(ref, People.NONE).inOrder());
    }

    public Uni<Void> delete(SqlConnection c, List<CaseRef> cases, List<String> participantIds) {
        if (participantIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        delete from participant p using unnest($1::text[], $2::text[], $3::text[]) as u(a, case_id, participant_id)
                        where p.authority = u.a and p.case_id = u.case_id and p.participant_id = u.participant_id""")
                .execute(Tuple.of(cases.stream().map(CaseRef::authority).toArray(String[]::new),
                        cases.stream().map(CaseRef::caseId).toArray(String[]::new), participantIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> upsert(SqlConnection c, List<Placed> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into participant (authority, case_id, participant_id, position, role, name, email, mobile,
                            preferred_channel, language, date_of_birth, receives_copies, withhold_reason,
                            address_confidential, agency, address_lines, address_postcode)
                        select a, case_id, participant_id, position, role, name, email, mobile, preferred_channel, language,
                            date_of_birth, receives_copies, withhold_reason, address_confidential, agency,
                            string_to_array(address_lines, chr(10)), address_postcode
                        from unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::date[], $12::bool[], $13::text[], $14::bool[], $15::text[],
                            $16::text[], $17::text[])
                            as u(a, case_id, participant_id, position, role, name, email, mobile, preferred_channel, language,
                                 date_of_birth, receives_copies, withhold_reason, address_confidential, agency, address_lines,
                                 address_postcode)
                        on conflict (authority, case_id, participant_id) do update set position = excluded.position,
                            role = excluded.role, name = excluded.name, email = excluded.email, mobile = excluded.mobile,
                            preferred_channel = excluded.preferred_channel, language = excluded.language,
                            date_of_birth = excluded.date_of_birth, receives_copies = excluded.receives_copies,
                            withhold_reason = excluded.withhold_reason, address_confidential = excluded.address_confidential,
                            agency = excluded.agency, address_lines = excluded.address_lines,
                            address_postcode = excluded.address_postcode, updated_at = now()""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(rows, String.class, r -> r.caseRef().authority()),
                        Columns.of(rows, String.class, r -> r.caseRef().caseId()),
                        Columns.of(rows, String.class, r -> r.participant().id()),
                        Columns.of(rows, Integer.class, Placed::position),
                        Columns.names(rows, r -> r.participant().role()),
                        Columns.of(rows, String.class, r -> r.participant().name()),
                        Columns.of(rows, String.class, r -> r.participant().email()),
                        Columns.of(rows, String.class, r -> r.participant().mobile()),
                        Columns.names(rows, r -> r.participant().preferredChannel()),
                        Columns.of(rows, String.class, r -> r.participant().language().code()),
                        Columns.of(rows, LocalDate.class, r -> r.participant().dateOfBirth()),
                        Columns.of(rows, Boolean.class, r -> r.participant().receivesCopies()),
                        Columns.of(rows, String.class, r -> r.participant().withholdReason()),
                        Columns.of(rows, Boolean.class, r -> r.participant().addressConfidential()),
                        Columns.of(rows, String.class, r -> r.participant().agency()),
                        // unnest flattens a two-dimensional array, so each address's lines go as one text, a line each
                        // (a line holds no control character: PostalAddress refuses them), split again in the statement
                        Columns.of(rows, String.class, r -> r.participant().postalAddress()
                                .map(a -> String.join("\n", a.lines())).orElse(null)),
                        Columns.of(rows, String.class, r -> r.participant().postalAddress()
                                .map(PostalAddress::postcode).orElse(null)))))
                .replaceWithVoid();
    }

    static Participant row(Row r) {
        return new Participant(
                r.getString("participant_id"),
                Role.valueOf(r.getString("role")),
                r.getString("name"),
                r.getString("email"),
                r.getString("mobile"),
                Channel.valueOf(r.getString("preferred_channel")),
                Language.fromCode(r.getString("language")),
                r.getLocalDate("date_of_birth"),
                r.getBoolean("receives_copies"),
                r.getString("withhold_reason"),
                r.getBoolean("address_confidential"),
                r.getString("agency"),
                address(r));
    }

    private static PostalAddress address(Row r) {
        String[] lines = r.getArrayOfStrings("address_lines");
        return lines == null ? null : PostalAddress.of(List.of(lines), r.getString("address_postcode"));
    }
}
