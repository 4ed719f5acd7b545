package cin.reminders.notice.render;

import cin.reminders.domain.model.CaseRef;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeKey;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.PlannedNoticesPinnedTest;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.DispatchContext;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What each kind of notice shows, in both languages, pinned field by field from the models built
 * before notice data was typed: typing the data and building the model by name change nothing a
 * template sees. Stored data of earlier versions (missing keys) and data that cannot be used are
 * pinned too.
 */
class MessageModelsPinnedTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 4);
    static final UUID REMINDED = UUID.fromString("7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e");
    static final UUID BREACHED = UUID.fromString("945fe125-81f1-34b8-95be-95f78c5cb846");

    @Test
    void everyPlannedKindOfNoticeShowsWhatItShowedBefore() {
        List<String> lines = new ArrayList<>();
        for (NoticeIntent n : PlannedNoticesPinnedTest.plannedNotices()) {
            for (Language language : Language.values()) {
                lines.add(n.key().value() + " " + language.code() + ": " + model(claimed(n, language)));
            }
        }
        assertEquals(PLANNED.strip(), String.join("\n", lines));
    }

    @Test
    void storedDataWithKeysMissingOrUnusableShowsWhatItShowedBefore() {
        List<String> lines = new ArrayList<>();
        legacy().forEach((name, notice) -> lines.add(name + ": " + model(notice)));
        assertEquals(LEGACY.strip(), String.join("\n", lines));
    }

    static final String PLANNED = """
            plan-copy|urn:test:service#pin-plan|mum en: template=plan-copy, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=plan, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            plan-copy|urn:test:service#pin-plan|mum cy: template=plan-copy, language=cy, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=cynllun, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            plan-copy|urn:test:service#pin-plan|dad en: template=plan-copy, language=en, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=plan, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            plan-copy|urn:test:service#pin-plan|dad cy: template=plan-copy, language=cy, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=cynllun, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            plan-copy|urn:test:service#pin-plan|school en: template=plan-copy, language=en, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=plan, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            plan-copy|urn:test:service#pin-plan|school cy: template=plan-copy, language=cy, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=cynllun, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            plan-copy|urn:test:service#pin-plan|kid en: template=plan-copy, language=en, recipientName=Jo Taylor, recipientIsChild=true, councilName=Portsmouth City Council, documentLabel=plan, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            plan-copy|urn:test:service#pin-plan|kid cy: template=plan-copy, language=cy, recipientName=Jo Taylor, recipientIsChild=true, councilName=Portsmouth City Council, documentLabel=cynllun, documentUrl=https://cms.example/plan/2, amended=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|plan-copy|urn:test:service#pin-plan|dad|lp en: template=contact-failed, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=plan copy, failedRecipientName=Sam Taylor, failedRecipientRole=parent, failedReason=there is no email address or mobile number on record for them, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|plan-copy|urn:test:service#pin-plan|dad|lp cy: template=contact-failed, language=cy, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=copi o'r cynllun, failedRecipientName=Sam Taylor, failedRecipientRole=rhiant, failedReason=nad oes cyfeiriad e-bost na rhif ffôn symudol ar gofnod ar eu cyfer, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            record-copy|urn:test:service#pin-record|mum en: template=record-copy, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=review record, documentUrl=https://cms.example/rec, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            record-copy|urn:test:service#pin-record|mum cy: template=record-copy, language=cy, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=cofnod adolygu, documentUrl=https://cms.example/rec, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            record-copy|urn:test:service#pin-record|dad en: template=record-copy, language=en, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=review record, documentUrl=https://cms.example/rec, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            record-copy|urn:test:service#pin-record|dad cy: template=record-copy, language=cy, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=cofnod adolygu, documentUrl=https://cms.example/rec, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            record-copy|urn:test:service#pin-record|school en: template=record-copy, language=en, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=review record, documentUrl=https://cms.example/rec, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            record-copy|urn:test:service#pin-record|school cy: template=record-copy, language=cy, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=cofnod adolygu, documentUrl=https://cms.example/rec, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            record-copy|urn:test:service#pin-record|kid en: template=record-copy, language=en, recipientName=Jo Taylor, recipientIsChild=true, councilName=Portsmouth City Council, documentLabel=review record, documentUrl=https://cms.example/rec, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            record-copy|urn:test:service#pin-record|kid cy: template=record-copy, language=cy, recipientName=Jo Taylor, recipientIsChild=true, councilName=Portsmouth City Council, documentLabel=cofnod adolygu, documentUrl=https://cms.example/rec, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|record-copy|urn:test:service#pin-record|dad|lp en: template=contact-failed, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=meeting record copy, failedRecipientName=Sam Taylor, failedRecipientRole=parent, failedReason=there is no email address or mobile number on record for them, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|record-copy|urn:test:service#pin-record|dad|lp cy: template=contact-failed, language=cy, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=copi o'r cofnod, failedRecipientName=Sam Taylor, failedRecipientRole=rhiant, failedReason=nad oes cyfeiriad e-bost na rhif ffôn symudol ar gofnod ar eu cyfer, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-invitation|urn:test:service#pin-meeting|mum en: template=meeting-invitation, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=review meeting, meetingDate=Thursday 5 March 2026, meetingTime=9:30am, venueConfidential=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-invitation|urn:test:service#pin-meeting|mum cy: template=meeting-invitation, language=cy, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=cyfarfod adolygu, meetingDate=Dydd Iau 5 Mawrth 2026, meetingTime=9:30yb, venueConfidential=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-reminder|urn:test:service#pin-meeting|mum en: template=meeting-reminder, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=review meeting, meetingDate=Thursday 5 March 2026, meetingTime=9:30am, venueConfidential=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-reminder|urn:test:service#pin-meeting|mum cy: template=meeting-reminder, language=cy, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=cyfarfod adolygu, meetingDate=Dydd Iau 5 Mawrth 2026, meetingTime=9:30yb, venueConfidential=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-invitation|urn:test:service#pin-meeting|dad en: template=meeting-invitation, language=en, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=review meeting, meetingDate=Thursday 5 March 2026, meetingTime=9:30am, venueConfidential=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-invitation|urn:test:service#pin-meeting|dad cy: template=meeting-invitation, language=cy, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=cyfarfod adolygu, meetingDate=Dydd Iau 5 Mawrth 2026, meetingTime=9:30yb, venueConfidential=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-reminder|urn:test:service#pin-meeting|dad en: template=meeting-reminder, language=en, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=review meeting, meetingDate=Thursday 5 March 2026, meetingTime=9:30am, venueConfidential=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-reminder|urn:test:service#pin-meeting|dad cy: template=meeting-reminder, language=cy, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=cyfarfod adolygu, meetingDate=Dydd Iau 5 Mawrth 2026, meetingTime=9:30yb, venueConfidential=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-invitation|urn:test:service#pin-meeting|school en: template=meeting-invitation, language=en, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=review meeting, meetingDate=Thursday 5 March 2026, meetingTime=9:30am, venueConfidential=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-invitation|urn:test:service#pin-meeting|school cy: template=meeting-invitation, language=cy, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=cyfarfod adolygu, meetingDate=Dydd Iau 5 Mawrth 2026, meetingTime=9:30yb, venueConfidential=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-reminder|urn:test:service#pin-meeting|school en: template=meeting-reminder, language=en, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=review meeting, meetingDate=Thursday 5 March 2026, meetingTime=9:30am, venueConfidential=true, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-reminder|urn:test:service#pin-meeting|school cy: template=meeting-reminder, language=cy, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=cyfarfod adolygu, meetingDate=Dydd Iau 5 Mawrth 2026, meetingTime=9:30yb, venueConfidential=true, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-meeting|dad|lp en: template=contact-failed, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=meeting invitation, failedRecipientName=Sam Taylor, failedRecipientRole=parent, failedReason=there is no email address or mobile number on record for them, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-meeting|dad|lp cy: template=contact-failed, language=cy, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=gwahoddiad i gyfarfod, failedRecipientName=Sam Taylor, failedRecipientRole=rhiant, failedReason=nad oes cyfeiriad e-bost na rhif ffôn symudol ar gofnod ar eu cyfer, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-reminder|urn:test:service#pin-meeting|dad|lp en: template=contact-failed, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=meeting reminder, failedRecipientName=Sam Taylor, failedRecipientRole=parent, failedReason=there is no email address or mobile number on record for them, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-reminder|urn:test:service#pin-meeting|dad|lp cy: template=contact-failed, language=cy, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=nodyn atgoffa am gyfarfod, failedRecipientName=Sam Taylor, failedRecipientRole=rhiant, failedReason=nad oes cyfeiriad e-bost na rhif ffôn symudol ar gofnod ar eu cyfer, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            closure-notice|urn:test:service#pin-closed|mum en: template=closure-notice, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, closedOn=Monday 9 March 2026, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            closure-notice|urn:test:service#pin-closed|mum cy: template=closure-notice, language=cy, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, closedOn=Dydd Llun 9 Mawrth 2026, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            closure-notice|urn:test:service#pin-closed|dad en: template=closure-notice, language=en, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, closedOn=Monday 9 March 2026, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            closure-notice|urn:test:service#pin-closed|dad cy: template=closure-notice, language=cy, recipientName=Sam Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, closedOn=Dydd Llun 9 Mawrth 2026, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            closure-notice|urn:test:service#pin-closed|school en: template=closure-notice, language=en, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, closedOn=Monday 9 March 2026, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            closure-notice|urn:test:service#pin-closed|school cy: template=closure-notice, language=cy, recipientName=Hill School, councilName=Portsmouth City Council, childName=Jo Taylor, closedOn=Dydd Llun 9 Mawrth 2026, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            closure-notice|urn:test:service#pin-closed|kid en: template=closure-notice, language=en, recipientName=Jo Taylor, recipientIsChild=true, councilName=Portsmouth City Council, closedOn=Monday 9 March 2026, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            closure-notice|urn:test:service#pin-closed|kid cy: template=closure-notice, language=cy, recipientName=Jo Taylor, recipientIsChild=true, councilName=Portsmouth City Council, closedOn=Dydd Llun 9 Mawrth 2026, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|closure-notice|urn:test:service#pin-closed|dad|lp en: template=contact-failed, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=closure notice, failedRecipientName=Sam Taylor, failedRecipientRole=parent, failedReason=there is no email address or mobile number on record for them, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|closure-notice|urn:test:service#pin-closed|dad|lp cy: template=contact-failed, language=cy, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedWhat=hysbysiad cau, failedRecipientName=Sam Taylor, failedRecipientRole=rhiant, failedReason=nad oes cyfeiriad e-bost na rhif ffôn symudol ar gofnod ar eu cyfer, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            policy-breach|945fe125-81f1-34b8-95be-95f78c5cb846|tm2 en: template=policy-breach, language=en, recipientName=Tom Marsh, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Plan review, dueDate=Thursday 2 April 2026, agreedDate=Friday 1 May 2026, workingDaysLeft=21, daysOverdue=0, ruleReference=D1, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            policy-breach|945fe125-81f1-34b8-95be-95f78c5cb846|tm2 cy: template=policy-breach, language=cy, recipientName=Tom Marsh, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Adolygu'r cynllun, dueDate=Dydd Iau 2 Ebrill 2026, agreedDate=Dydd Gwener 1 Mai 2026, workingDaysLeft=21, daysOverdue=0, ruleReference=D1, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-invitation|urn:test:service#pin-school|lp2 en: template=meeting-invitation, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, childName=Ash Green, meetingLabel=planning meeting, meetingDate=Tuesday 10 March 2026, meetingTime=10am, venue=School, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-invitation|urn:test:service#pin-school|lp2 cy: template=meeting-invitation, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, childName=Ash Green, meetingLabel=cyfarfod cynllunio, meetingDate=Dydd Mawrth 10 Mawrth 2026, meetingTime=10yb, venue=School, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            meeting-reminder|urn:test:service#pin-school|lp2 en: template=meeting-reminder, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, childName=Ash Green, meetingLabel=planning meeting, meetingDate=Tuesday 10 March 2026, meetingTime=10am, venue=School, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-reminder|urn:test:service#pin-school|lp2 cy: template=meeting-reminder, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, childName=Ash Green, meetingLabel=cyfarfod cynllunio, meetingDate=Dydd Mawrth 10 Mawrth 2026, meetingTime=10yb, venue=School, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            school-hours-warning|urn:test:service#pin-school|lp2 en: template=school-hours-warning, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, meetingLabel=planning meeting, meetingDate=Tuesday 10 March 2026, meetingTime=10am, venue=School, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            school-hours-warning|urn:test:service#pin-school|lp2 cy: template=school-hours-warning, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, meetingLabel=cyfarfod cynllunio, meetingDate=Dydd Mawrth 10 Mawrth 2026, meetingTime=10yb, venue=School, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            obligation-reminder|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|before-5|lp2 en: template=obligation-reminder, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Home visit, dueDate=Monday 9 March 2026, workingDaysLeft=3, daysOverdue=0, ruleReference=P9, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            obligation-reminder|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|before-5|lp2 cy: template=obligation-reminder, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Ymweliad cartref, dueDate=Dydd Llun 9 Mawrth 2026, workingDaysLeft=3, daysOverdue=0, ruleReference=P9, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            obligation-overdue|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|overdue-1|tm2 en: template=obligation-overdue, language=en, recipientName=Tom Marsh, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Home visit, dueDate=Monday 9 March 2026, workingDaysLeft=3, daysOverdue=0, ruleReference=P9, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            obligation-overdue|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|overdue-1|tm2 cy: template=obligation-overdue, language=cy, recipientName=Tom Marsh, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Ymweliad cartref, dueDate=Dydd Llun 9 Mawrth 2026, workingDaysLeft=3, daysOverdue=0, ruleReference=P9, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            obligation-overdue|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|overdue-1|lp2 en: template=obligation-overdue, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Home visit, dueDate=Monday 9 March 2026, workingDaysLeft=3, daysOverdue=0, ruleReference=P9, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            obligation-overdue|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|overdue-1|lp2 cy: template=obligation-overdue, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, obligationLabel=Ymweliad cartref, dueDate=Dydd Llun 9 Mawrth 2026, workingDaysLeft=3, daysOverdue=0, ruleReference=P9, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=there is no email address or mobile number on record for them, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=nad oes cyfeiriad e-bost na rhif ffôn symudol ar gofnod ar eu cyfer, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=their mobile number is not a valid UK mobile number, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=nad yw eu rhif ffôn symudol yn rhif ffôn symudol dilys yn y DU, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=the message was rejected by the provider, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=bod y darparwr wedi gwrthod y neges, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=the message could not be delivered, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=nad oedd modd i'r neges eu cyrraedd, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=sending kept failing, so we stopped trying, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=bod yr anfon wedi methu dro ar ôl tro, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=the postal address on record is not one the post can use, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=nad yw'r cyfeiriad post ar gofnod yn gyfeiriad y gall y post ei ddefnyddio, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=only post can reach them, and a letter would not arrive before the meeting, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=mai dim ond drwy'r post y gallwn eu cyrraedd, ac ni fyddai llythyr yn cyrraedd cyn y cyfarfod, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 en: template=contact-failed, language=en, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=meeting invitation, failedRecipientRole=parent, failedReason=the letter came back undelivered, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 cy: template=contact-failed, language=cy, recipientName=Lou Price, councilName=Derbyshire County Council, caseId=PIN-2, childName=Ash Green, failedWhat=gwahoddiad i gyfarfod, failedRecipientRole=rhiant, failedReason=bod y llythyr wedi dod yn ôl heb ei ddosbarthu, questionsLine=Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, cysylltwch â'ch gweithiwr cymdeithasol.
            """;

    static final String LEGACY = """
            record-copy without record: template=record-copy, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            record-copy with an unknown record: fails
            plan-copy with an extra record and no eventDate: template=plan-copy, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, documentLabel=plan, documentUrl=HTTPS://cms.example/p, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            closure-notice without eventDate: template=closure-notice, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            closure-notice with a bad eventDate: fails
            meeting-invitation without meeting: template=meeting-invitation, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, venue=Hub, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            meeting-reminder without startsAt: fails
            meeting-reminder with an unknown meeting: fails
            meeting-invitation with venueConfidential false: template=meeting-invitation, language=en, recipientName=Alex Taylor, councilName=Portsmouth City Council, childName=Jo Taylor, meetingLabel=care team meeting, meetingDate=Thursday 5 March 2026, meetingTime=midday, venue=Hub, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            policy-breach with only agreedDate: template=policy-breach, language=en, recipientName=Tess Morgan, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, obligationLabel=Plan review, dueDate=Thursday 2 April 2026, agreedDate=Saturday 2 May 2026, workingDaysLeft=21, daysOverdue=0, ruleReference=D1, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            policy-breach with a bad agreedDate: fails
            obligation-reminder with no data: template=obligation-reminder, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, obligationLabel=Home visit, dueDate=Monday 9 March 2026, workingDaysLeft=3, daysOverdue=0, ruleReference=P9, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed with unknown template and reason: template=contact-failed, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedRecipientName=Sam Taylor, failedRecipientRole=parent, failedReason=something went wrong when sending the message, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed with nothing: template=contact-failed, language=en, recipientName=Lee Parker, councilName=Portsmouth City Council, caseId=PIN-1, childName=Jo Taylor, failedReason=something went wrong when sending the message, questionsLine=If you have any questions, or do not agree with something, please contact your social worker.
            contact-failed with a bad role: fails
            """;

    /** Hand-made stored data: what earlier versions wrote, and what no version writes. */
    static Map<String, ClaimedNotice> legacy() {
        Map<String, ClaimedNotice> m = new LinkedHashMap<>();
        m.put("record-copy without record", stored(NoticeTemplate.RECORD_COPY, "mum", null,
                Map.of("documentUrl", "javascript:alert(1)", "eventDate", "2026-03-02")));
        m.put("record-copy with an unknown record", stored(NoticeTemplate.RECORD_COPY, "mum", null,
                Map.of("record", "MINUTES", "eventDate", "2026-03-02")));
        m.put("plan-copy with an extra record and no eventDate", stored(NoticeTemplate.PLAN_COPY, "mum", null,
                Map.of("record", "whatever", "version", "x", "amended", "yes", "documentUrl", " HTTPS://cms.example/p ")));
        m.put("closure-notice without eventDate", stored(NoticeTemplate.CLOSURE_NOTICE, "mum", null, Map.of()));
        m.put("closure-notice with a bad eventDate", stored(NoticeTemplate.CLOSURE_NOTICE, "mum", null,
                Map.of("eventDate", "9 March")));
        m.put("meeting-invitation without meeting", stored(NoticeTemplate.MEETING_INVITATION, "mum", null,
                Map.of("startsAt", "soon", "venue", "Hub")));
        m.put("meeting-reminder without startsAt", stored(NoticeTemplate.MEETING_REMINDER, "mum", null,
                Map.of("meeting", "REVIEW", "venue", "Hub")));
        m.put("meeting-reminder with an unknown meeting", stored(NoticeTemplate.MEETING_REMINDER, "mum", null,
                Map.of("meeting", "COFFEE", "startsAt", "2026-03-05T09:30", "venue", "Hub")));
        m.put("meeting-invitation with venueConfidential false", stored(NoticeTemplate.MEETING_INVITATION, "mum", null,
                Map.of("meeting", "CARE_TEAM", "startsAt", "2026-03-05T12:00", "venue", "Hub", "venueConfidential", "false")));
        m.put("policy-breach with only agreedDate", stored(NoticeTemplate.POLICY_BREACH, "tm", BREACHED,
                Map.of("agreedDate", "2026-05-02", "obligationKind", "NOT_A_KIND", "dueDate", "never")));
        m.put("policy-breach with a bad agreedDate", stored(NoticeTemplate.POLICY_BREACH, "tm", BREACHED,
                Map.of("agreedDate", "later")));
        m.put("obligation-reminder with no data", stored(NoticeTemplate.OBLIGATION_REMINDER, "lp", REMINDED, Map.of()));
        m.put("contact-failed with unknown template and reason", stored(NoticeTemplate.CONTACT_FAILED, "lp", null,
                Map.of("failedTemplate", "letter", "failedRecipientId", "dad", "failedRecipientRole", "PARENT",
                        "failedReason", "lost-in-post")));
        m.put("contact-failed with nothing", stored(NoticeTemplate.CONTACT_FAILED, "lp", null, Map.of()));
        m.put("contact-failed with a bad role", stored(NoticeTemplate.CONTACT_FAILED, "lp", null,
                Map.of("failedRecipientId", "dad", "failedRecipientRole", "UNCLE")));
        return m;
    }

    static String model(ClaimedNotice n) {
        Participant recipient = context().participant(n.ref(), n.recipientId()).orElseThrow();
        String authority = n.caseId().equals("PIN-1") ? "portsmouth" : "derbyshire";
        try {
            MessageModel m = MessageModels.build(n, recipient, context(), TestPolicies.get(authority), TODAY);
            List<String> fields = new ArrayList<>();
            for (RecordComponent c : MessageModel.class.getRecordComponents()) {
                Object value = c.getAccessor().invoke(m);
                if (value != null && !Boolean.FALSE.equals(value)) {
                    fields.add(c.getName() + "=" + value);
                }
            }
            return String.join(", ", fields);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        } catch (RuntimeException e) {
            return "fails"; // the dispatcher's to handle: never sent as it stands
        }
    }

    static ClaimedNotice claimed(NoticeIntent n, Language language) {
        return new ClaimedNotice(n.id(), n.key(), n.caseId(), n.authority(), n.template(), n.channel(), n.recipientId(),
                n.recipientRole(), language, 1, n.scheduledFor(), n.obligationId(), null, null, n.data(), null);
    }

    static ClaimedNotice stored(NoticeTemplate template, String recipient, UUID obligation, Map<String, String> data) {
        NoticeKey key = NoticeKey.of("legacy|" + template.id() + "|" + data);
        return new ClaimedNotice(key.id(), key, "PIN-1", "portsmouth", template, Channel.EMAIL, recipient, Role.PARENT,
                Language.EN, 1, Instant.EPOCH, obligation, null, null, data(template, data), null);
    }

    /** Stored data as the adapters read it back. */
    static NoticeData data(NoticeTemplate template, Map<String, String> stored) {
        return NoticeData.fromMap(template, stored);
    }

    static DispatchContext.Loaded context() {
        Map<CaseRef, Map<String, Participant>> people = new LinkedHashMap<>();
        people.put(new CaseRef("portsmouth", "PIN-1"), byId(List.of(
                person("lp", Role.LEAD_PROFESSIONAL, "Lee Parker"),
                person("tm", Role.TEAM_MANAGER, "Tess Morgan"),
                person("mum", Role.PARENT, "Alex Taylor"),
                person("dad", Role.PARENT, "Sam Taylor"),
                person("school", Role.AGENCY, "Hill School"),
                person("kid", Role.CHILD, "Jo Taylor"))));
        people.put(new CaseRef("derbyshire", "PIN-2"), byId(List.of(
                person("lp2", Role.LEAD_PROFESSIONAL, "Lou Price"),
                person("tm2", Role.TEAM_MANAGER, "Tom Marsh"),
                person("kid2", Role.CHILD, "Ash Green"))));
        Map<UUID, DispatchContext.ObligationFacts> obligations = Map.of(
                REMINDED, new DispatchContext.ObligationFacts(REMINDED, ObligationKind.HOME_VISIT, "P9",
                        LocalDate.of(2026, 3, 9), ObligationStatus.OPEN, null),
                BREACHED, new DispatchContext.ObligationFacts(BREACHED, ObligationKind.PLAN_REVIEW, "D1",
                        LocalDate.of(2026, 4, 2), ObligationStatus.OPEN, LocalDate.of(2026, 5, 1)));
        return new DispatchContext.Loaded(people, obligations);
    }

    private static Map<String, Participant> byId(List<Participant> list) {
        return list.stream().collect(Collectors.toMap(Participant::id, p -> p, (a, b) -> a, LinkedHashMap::new));
    }

    private static Participant person(String id, Role role, String name) {
        return new Participant(id, role, name, id + "@example.org", null, Channel.EMAIL, Language.EN, null, null, null,
                false, null);
    }
}
