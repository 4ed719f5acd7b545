package cin.reminders.notice.repository;

import io.vertx.mutiny.sqlclient.Row;

/** Maps a {@code notice} row. */
public final class NoticeRows {

    private NoticeRows() {
    }

    public static ClaimedNotice claimed(Row r) {
        return DueNotices.row(r);
    }
}
