package cin.reminders.domain.notice;

import java.util.List;

/**
 * The notices an event calls for.
 *
 * @param withdrawnMeetings meeting kinds whose earlier, unsent reminders a re-scheduled meeting replaces
 */
public record NoticePlan(List<NoticeIntent> notices, List<DistributionGroup> groups, List<String> withdrawnMeetings) {

    public static NoticePlan empty() {
        return new NoticePlan(List.of(), List.of(), List.of());
    }
}
