package cin.reminders.notice.service;

import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.ReceiptOutboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/**
 * Records planned notices on the caller's transaction, once each, with the receipts of those that are
 * settled as they are planned (suppressed, or failed for want of an address) in the outbox.
 */
@ApplicationScoped
public class PlannedNotices {

    private final NoticeStore notices;
    private final ReceiptOutboxStore receipts;

    public PlannedNotices(NoticeStore notices, ReceiptOutboxStore receipts) {
        this.notices = notices;
        this.receipts = receipts;
    }

    public Uni<Void> record(SqlConnection c, Collection<NoticeIntent> intents,
                            Instant now) {
        return notices.insert(c, intents, now).chain(settled -> receipts.add(c, settled, now));
    }
}
