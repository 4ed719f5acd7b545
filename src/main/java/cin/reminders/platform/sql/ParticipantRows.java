package cin.reminders.platform.sql;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import io.vertx.mutiny.sqlclient.Row;

/** Maps a row of {@code participant} to the domain value. */
public final class ParticipantRows {

    private ParticipantRows() {
    }

    public static Participant participant(Row r) {
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
                r.getString("agency"));
    }
}
