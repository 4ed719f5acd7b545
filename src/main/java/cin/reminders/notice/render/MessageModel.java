package cin.reminders.notice.render;

/**
 * Everything a notice template may show, already worded and formatted in the recipient's
 * language. Templates reach it as {@code m}: {@code {m.recipientName}}. Values that do not apply
 * to a template are null (test with {@code {#if m.venue}}).
 * <p>
 * Personal data here (names) goes only into the message to its recipient; it is never logged.
 * Addresses never appear: a meeting venue is left out ({@code venueConfidential}) when anyone on
 * the case has a confidential address.
 *
 * @param template contract name, e.g. {@code plan-copy}
 * @param language {@code en} or {@code cy}
 * @param recipientName how to greet the recipient (their name as the case record has it)
 * @param recipientIsChild the recipient is the child: speak to them directly
 * @param councilName e.g. "Derbyshire County Council"
 * @param caseId the case reference; professionals' messages only (null in family messages)
 * @param childName the child's name, when the case has one on record and the message is to a parent, carer or professional
 * @param documentLabel "plan", "review record", "planning meeting record", "care team meeting record" (in the language)
 * @param documentUrl a link to the document (http or https only), or null
 * @param amended the plan is an amended one
 * @param meetingLabel "planning meeting", "review meeting", "care team meeting" (in the language)
 * @param meetingDate e.g. "Monday 2 March 2026" / "Dydd Llun 2 Mawrth 2026"
 * @param meetingTime e.g. "10:30am"
 * @param venue the meeting's venue, or null when confidential
 * @param venueConfidential a confidential address on the case keeps the venue out of this message
 * @param obligationLabel what must happen, e.g. "Plan review" (professionals)
 * @param dueDate formatted due date (professionals)
 * @param agreedDate formatted agreed date that broke the statutory maximum (policy-breach)
 * @param workingDaysLeft working days until the due date (obligation-reminder; 0 = due today)
 * @param daysOverdue calendar days past the due date (obligation-overdue)
 * @param ruleReference the policy row, e.g. "D1" (professionals)
 * @param failedWhat what could not be sent (contact-failed), e.g. "plan copy"
 * @param failedRecipientName who could not be reached (contact-failed; the lead professional may see it)
 * @param failedRecipientRole their role, worded: "parent", "carer", "child", "agency"
 * @param failedReason why, in plain words
 * @param closedOn formatted date the case closed (closure-notice)
 * @param questionsLine a closing line: who to contact with questions
 */
@io.quarkus.qute.TemplateData
public record MessageModel(
        String template,
        String language,
        String recipientName,
        boolean recipientIsChild,
        String councilName,
        String caseId,
        String childName,
        String documentLabel,
        String documentUrl,
        boolean amended,
        String meetingLabel,
        String meetingDate,
        String meetingTime,
        String venue,
        boolean venueConfidential,
        String obligationLabel,
        String dueDate,
        String agreedDate,
        Integer workingDaysLeft,
        Long daysOverdue,
        String ruleReference,
        String failedWhat,
        String failedRecipientName,
        String failedRecipientRole,
        String failedReason,
        String closedOn,
        String questionsLine) {

    @Override
    public String toString() {
        return "MessageModel[" + template + ", " + language + "]";
    }
}
