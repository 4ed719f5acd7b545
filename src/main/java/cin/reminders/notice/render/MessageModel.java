package cin.reminders.notice.render;

/**
 * Everything a notice template may show, already worded and formatted in the recipient's
 * language. Templates reach it as {@code m}: {@code {m.recipientName}}. Values that do not apply
 * to a template are null (test with {@code {#if m.venue}}).
 * <p>
 * Personal data here (names) goes only into the message to its recipient; it is never logged.
 * Addresses never appear: a meeting venue is left out ({@code venueConfidential}) when anyone on
 * the case has a confidential address.
 * <p>
 * Built by name ({@link #builder()}): 29 fields, most of them strings, are too many to pass by position.
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
 * @param previousDueDate formatted due date before a change of calendar moved it (due-date-changed)
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
 * @param digest what a daily digest lists (daily-digest only; else null)
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
        String previousDueDate,
        String agreedDate,
        Integer workingDaysLeft,
        Long daysOverdue,
        String ruleReference,
        String failedWhat,
        String failedRecipientName,
        String failedRecipientRole,
        String failedReason,
        String closedOn,
        String questionsLine,
        DigestLines digest) {

    @Override
    public String toString() {
        return "MessageModel[" + template + ", " + language + "]";
    }

    /**
     * The document's link as a person can type it from a letter: {@code https://} or {@code http://} and a trailing
     * slash taken off, e.g. {@code derbyshire.gov.uk/plans/abc123}; null when there is no link. Templates:
     * {@code {m.typeableDocumentUrl}}.
     */
    public String typeableDocumentUrl() {
        return typeable(documentUrl);
    }

    /**
     * A link without its scheme ({@code https://} or {@code http://}, in any case) and without a trailing slash, for
     * a person to type from paper; null stays null. Anything else in the link (the path, a query) is kept as it is.
     */
    public static String typeable(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        for (String scheme : new String[] {"https://", "http://"}) {
            if (s.regionMatches(true, 0, scheme, 0, scheme.length())) {
                s = s.substring(scheme.length());
                break;
            }
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** A model built by name: fields not set are null (false for the two flags). */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets each field by its name; see the record's parameters for what each holds. */
    public static final class Builder {

        private String template;
        private String language;
        private String recipientName;
        private boolean recipientIsChild;
        private String councilName;
        private String caseId;
        private String childName;
        private String documentLabel;
        private String documentUrl;
        private boolean amended;
        private String meetingLabel;
        private String meetingDate;
        private String meetingTime;
        private String venue;
        private boolean venueConfidential;
        private String obligationLabel;
        private String dueDate;
        private String previousDueDate;
        private DigestLines digest;
        private String agreedDate;
        private Integer workingDaysLeft;
        private Long daysOverdue;
        private String ruleReference;
        private String failedWhat;
        private String failedRecipientName;
        private String failedRecipientRole;
        private String failedReason;
        private String closedOn;
        private String questionsLine;

        private Builder() {
        }

        public Builder template(String template) {
            this.template = template;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder recipientName(String recipientName) {
            this.recipientName = recipientName;
            return this;
        }

        public Builder recipientIsChild(boolean recipientIsChild) {
            this.recipientIsChild = recipientIsChild;
            return this;
        }

        public Builder councilName(String councilName) {
            this.councilName = councilName;
            return this;
        }

        public Builder caseId(String caseId) {
            this.caseId = caseId;
            return this;
        }

        public Builder childName(String childName) {
            this.childName = childName;
            return this;
        }

        public Builder documentLabel(String documentLabel) {
            this.documentLabel = documentLabel;
            return this;
        }

        public Builder documentUrl(String documentUrl) {
            this.documentUrl = documentUrl;
            return this;
        }

        public Builder amended(boolean amended) {
            this.amended = amended;
            return this;
        }

        public Builder meetingLabel(String meetingLabel) {
            this.meetingLabel = meetingLabel;
            return this;
        }

        public Builder meetingDate(String meetingDate) {
            this.meetingDate = meetingDate;
            return this;
        }

        public Builder meetingTime(String meetingTime) {
            this.meetingTime = meetingTime;
            return this;
        }

        public Builder venue(String venue) {
            this.venue = venue;
            return this;
        }

        public Builder venueConfidential(boolean venueConfidential) {
            this.venueConfidential = venueConfidential;
            return this;
        }

        public Builder obligationLabel(String obligationLabel) {
            this.obligationLabel = obligationLabel;
            return this;
        }

        public Builder dueDate(String dueDate) {
            this.dueDate = dueDate;
            return this;
        }

        public Builder previousDueDate(String previousDueDate) {
            this.previousDueDate = previousDueDate;
            return this;
        }

        public Builder agreedDate(String agreedDate) {
            this.agreedDate = agreedDate;
            return this;
        }

        public Builder workingDaysLeft(Integer workingDaysLeft) {
            this.workingDaysLeft = workingDaysLeft;
            return this;
        }

        public Builder daysOverdue(Long daysOverdue) {
            this.daysOverdue = daysOverdue;
            return this;
        }

        public Builder ruleReference(String ruleReference) {
            this.ruleReference = ruleReference;
            return this;
        }

        public Builder failedWhat(String failedWhat) {
            this.failedWhat = failedWhat;
            return this;
        }

        public Builder failedRecipientName(String failedRecipientName) {
            this.failedRecipientName = failedRecipientName;
            return this;
        }

        public Builder failedRecipientRole(String failedRecipientRole) {
            this.failedRecipientRole = failedRecipientRole;
            return this;
        }

        public Builder failedReason(String failedReason) {
            this.failedReason = failedReason;
            return this;
        }

        public Builder closedOn(String closedOn) {
            this.closedOn = closedOn;
            return this;
        }

        public Builder questionsLine(String questionsLine) {
            this.questionsLine = questionsLine;
            return this;
        }

        public Builder digest(DigestLines digest) {
            this.digest = digest;
            return this;
        }

        public MessageModel build() {
            return new MessageModel(template, language, recipientName, recipientIsChild, councilName, caseId, childName,
                    documentLabel, documentUrl, amended, meetingLabel, meetingDate, meetingTime, venue, venueConfidential,
                    obligationLabel, dueDate, previousDueDate, agreedDate, workingDaysLeft, daysOverdue, ruleReference, failedWhat,
                    failedRecipientName, failedRecipientRole, failedReason, closedOn, questionsLine, digest);
        }
    }
}
