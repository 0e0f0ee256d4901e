package besa.vetting.web;

import static besa.vetting.alert.AlertFixtures.colocation;
import static besa.vetting.alert.AlertFixtures.identifier;
import static besa.vetting.alert.AlertFixtures.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.VettingStatus;
import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.vetting.alert.AlertWriter;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/** The alert queue and alert page with their forms, over the real database, row-level security and audit trail. */
class AlertPagesTest extends AlertTestBase {
    @org.springframework.beans.factory.annotation.Autowired besa.vetting.OfficerPseudonyms pseudonyms;


    private String page(String url, String user) throws Exception {
        return mvc.perform(get(url).with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theQueueListsOpenAlertsByScoreWithTheirTopFactorsInThePagesLanguage() throws Exception {
        String high = fx.officer("H-" + run, "Arben", "Hoxha" + run, "Durrës police");
        String low = fx.officer("L-" + run, "Besnik", "Leka" + run, "Vlora police");
        fx.alert(high, network(high, "h" + run, 0.6), identifier(high, "h" + run, 0.5), colocation(high, "h" + run, 0.4),
                identifier(high, "h2" + run, 0.1));
        long lowId = fx.alert(low, identifier(low, "l" + run, 0.3));

        String sq = page("/vetting/alerts?lang=sq&size=100", reader);
        assertThat(sq).contains("Arben Petrit Hoxha" + run, "Durrës police", "Besnik Petrit Leka" + run)
                .contains("Telefoni i punonjësit komunikon me një anëtar të grupit Grupi-h" + run)
                .contains("aria-current=\"page\"") // the vetting sub-menu with alerts as current
                .doesNotContain("The officer's phone communicates");
        assertThat(sq.indexOf("Hoxha" + run)).isLessThan(sq.indexOf("Leka" + run)); // higher score first
        String en = page("/vetting/alerts?lang=en&size=100", reader);
        assertThat(en).contains("The officer&#39;s phone communicates with a member of the group Grupi-h" + run)
                .contains("high", "low", "%");
        // Three factors at most: the weakest (10 %) identifier of the first alert is not among them.
        String row = en.substring(en.indexOf("Hoxha" + run), en.indexOf("Leka" + run));
        assertThat(row).doesNotContain("ph-h2" + run).contains("acc-h" + run);

        assertThat(page("/vetting/alerts?minScore=0.5", reader)).contains("Hoxha" + run).doesNotContain("Leka" + run);
        assertThat(page("/vetting/alerts?officer=" + low, reader)).contains("Leka" + run).doesNotContain("Hoxha" + run);
        assertThat(page("/vetting/alerts?origin=INSIDER", reader)).doesNotContain("Hoxha" + run).doesNotContain("Leka" + run);
        assertThat(page("/vetting/alerts?status=DISMISSED", reader)).doesNotContain("Hoxha" + run);

        mvc.perform(post("/vetting/alerts/" + lowId + "/assign").param("assignee", "mine").with(as(reader)).with(csrf()))
                .andExpect(redirectedUrl("/vetting/alerts/" + lowId + "#assign"));
        assertThat(page("/vetting/alerts?assignee=mine", reader)).contains("Leka" + run).doesNotContain("Hoxha" + run);
        assertThat(page("/vetting/alerts?assignee=mine", colleague)).doesNotContain("Leka" + run);
        assertThat(page("/vetting/alerts?assignee=none&officer=" + high, reader)).contains("Hoxha" + run);
        assertThat(page("/vetting/alerts?status=ASSIGNED&officer=" + low, reader)).contains("Leka" + run);

        // A bad filter is explained on the page, which falls back to the open queue.
        assertThat(page("/vetting/alerts?status=CLOSED&lang=en", reader)).contains("Unknown status &quot;CLOSED&quot;");
        assertThat(page("/vetting/alerts?minScore=2&lang=en", reader)).contains("is not a number between 0 and 1");
    }

    @Test
    void theAlertPageExplainsEveryFactorWithItsEvidence() throws Exception {
        String o = fx.officer("D-" + run, "Dritan", "Gjoni" + run, "Shkodër police");
        long id = fx.alert(o, network(o, "d" + run, 0.6), colocation(o, "d" + run, 0.5), identifier(o, "d" + run, 0.3));
        // The identifier is not found again by a run that covers identifiers: it goes inactive (greyed).
        fx.cover(o, java.util.Set.of(besa.vetting.screening.FactorKind.IDENTIFIER));
        long before = trailSize();

        String html = page("/vetting/alerts/" + id + "?lang=en", reader);
        assertThat(html).contains("href=\"/vetting/personnel/" + o + "\"", "Dritan Petrit Gjoni" + run, "Shkodër police")
                .contains("The officer&#39;s phone communicates with a member of the group Grupi-d" + run)
                .contains("href=\"/entities/org-d" + run + "\"", "href=\"/entities/ph2-d" + run + "\"")
                .contains("class=\"path-graph\"", "data-elements=", "cytoscape.min.js", "/js/alert-path.js")
                .contains("Durrës port", "Tirana, Blloku", "2026-03-01 08:15 UTC", "120 m", "on duty", "class=\"tl-mark\"")
                .contains("Escalate to a case", "action=\"/vetting/cases\"", "name=\"officerId\" value=\"" + o + "\"",
                        "name=\"alertId\" value=\"" + id + "\"")
                .contains("no longer found")
                .doesNotContain("<script>"); // no inline scripts (CSP)
        assertThat(html).containsPattern("class=\"factor inactive\"[^>]*data-factor=\"IDENTIFIER:");
        // Active factors come before the inactive one.
        assertThat(html.indexOf("data-kind=\"NETWORK\"")).isLessThan(html.indexOf("data-kind=\"IDENTIFIER\""));
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo(reader);
            assertThat(e.event().action()).isEqualTo(AuditAction.CONSULTATION);
            assertThat(e.event().target()).isEqualTo("vetting-alert:" + id);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
        assertThat(page("/vetting/alerts/" + id, reader)).contains("Telefoni i punonjësit komunikon me një anëtar të grupit");
    }

    @Test
    void decisionFormsNeedAReasonAndKnownFactorsAndAreRecordedAndAudited() throws Exception {
        String o = fx.officer("F-" + run, "Fatos", "Kola" + run, "Fier police");
        long id = fx.alert(o, network(o, "f" + run, 0.6), identifier(o, "f" + run, 0.4));
        String factor = "NETWORK:ph-f" + run + ":org-f" + run;

        // No reason: refused, explained on the page, nothing stored.
        mvc.perform(post("/vetting/alerts/" + id + "/decisions").param("verdict", "AGREE").param("reason", "  ")
                        .with(as(reader)).with(csrf()))
                .andExpect(redirectedUrl("/vetting/alerts/" + id + "#score"))
                .andExpect(flash().attribute("errorKey", "alerts.error.reasonMissing"));
        assertThat(decisions(id)).isZero();
        mvc.perform(post("/vetting/alerts/" + id + "/decisions").param("verdict", "AGREE").param("factorKey", "NETWORK:nope")
                        .param("reason", "kept text").with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.unknownFactor"))
                .andExpect(flash().attribute("typed", "kept text"));
        MvcResult refused = mvc.perform(post("/vetting/alerts/" + id + "/decisions").param("verdict", "MAYBE").param("reason", "why")
                        .with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.verdict")).andReturn();
        String shown = mvc.perform(get("/vetting/alerts/" + id + "?lang=en").with(as(reader))
                        .flashAttrs(refused.getFlashMap())).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("Unknown verdict &quot;MAYBE&quot;: use AGREE or DISAGREE.");
        assertThat(decisions(id)).isZero();

        long before = trailSize();
        mvc.perform(post("/vetting/alerts/" + id + "/decisions").param("verdict", "AGREE").param("reason", "Score fits the path")
                        .with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("notice", "alerts.done.decided"));
        mvc.perform(post("/vetting/alerts/" + id + "/decisions").param("verdict", "DISAGREE").param("factorKey", factor)
                        .param("reason", "The call was to a switchboard").with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("notice", "alerts.done.decided"));
        assertThat(decisions(id)).isEqualTo(2);
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.DECISION);
            assertThat(e.event().actor()).isEqualTo(reader);
            // The factor key carries the officer id: the trail has its kind and a keyed fingerprint only.
            assertThat(e.event().target()).isEqualTo("vetting-alert:" + id + " factor " + factor.substring(0, factor.indexOf(':')) + " "
                    + pseudonyms.fingerprint(factor)).doesNotContain(factor);
            assertThat(e.event().justification()).isEqualTo("DISAGREE: The call was to a switchboard");
        });

        // Assignment: to a colleague, never to an analyst, an unknown account or the alert's subject.
        mvc.perform(post("/vetting/alerts/" + id + "/assign").param("assignee", analyst).with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.notVettingOfficer"));
        mvc.perform(post("/vetting/alerts/" + id + "/assign").param("assignee", "ghost-" + run).with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.unknownAssignee"));
        mvc.perform(post("/vetting/alerts/" + id + "/assign").param("assignee", colleague).with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("notice", "alerts.done.assigned"));
        assertThat(alertStatus(id)).isEqualTo("ASSIGNED");

        // Dismissal: reason required; then DISMISSED with who, when and why; a second dismissal is refused.
        mvc.perform(post("/vetting/alerts/" + id + "/dismiss").with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.reasonMissing"));
        assertThat(alertStatus(id)).isEqualTo("ASSIGNED");
        // Assigned to the colleague: he alone may dismiss it.
        mvc.perform(post("/vetting/alerts/" + id + "/dismiss").param("reason", "Switchboard number, no link").with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.assignedToOther"));
        assertThat(alertStatus(id)).isEqualTo("ASSIGNED");
        mvc.perform(post("/vetting/alerts/" + id + "/dismiss").param("reason", "Switchboard number, no link").with(as(colleague)).with(csrf()))
                .andExpect(flash().attribute("notice", "alerts.done.dismissed"));
        assertThat(alertStatus(id)).isEqualTo("DISMISSED");
        String dismissal = access.system(s -> jdbc.sql("select dismissed_by || '|' || dismiss_reason from vetting_alert where id = ?").param(id)
                .query(String.class).single());
        assertThat(dismissal).isEqualTo(colleague + "|Switchboard number, no link");
        mvc.perform(post("/vetting/alerts/" + id + "/dismiss").param("reason", "again").with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.alreadyDismissed"));
        String html = page("/vetting/alerts/" + id + "?lang=en", reader);
        assertThat(html).contains("Switchboard number, no link", "The call was to a switchboard", "Score fits the path", "assigned to " + colleague)
                .doesNotContain("id=\"dismiss\""); // no more triage forms on a closed alert
    }

    @Test
    void aDismissedAlertStaysDismissedForTheSameFindingsAndReopensForNewEvidence() throws Exception {
        String o = fx.officer("R-" + run, "Redon", "Marku" + run, "Korçë police");
        long id = fx.alert(o, identifier(o, "r" + run, 0.5));
        mvc.perform(post("/vetting/alerts/" + id + "/dismiss").param("reason", "Old number of the station").with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("notice", "alerts.done.dismissed"));

        AlertWriter.Result same = fx.merge(o, identifier(o, "r" + run, 0.5));
        assertThat(same.change()).isNotEqualTo(AlertWriter.Change.REOPENED);
        assertThat(alertStatus(id)).isEqualTo("DISMISSED");
        assertThat(page("/vetting/alerts?officer=" + o, reader)).doesNotContain("Marku" + run);

        AlertWriter.Result fresh = fx.merge(o, identifier(o, "r" + run, 0.5), network(o, "r" + run, 0.7));
        assertThat(fresh.change()).isEqualTo(AlertWriter.Change.REOPENED);
        assertThat(alertStatus(id)).isEqualTo("NEW");
        assertThat(page("/vetting/alerts?officer=" + o, reader)).contains("Marku" + run);
        String html = page("/vetting/alerts/" + id + "?lang=en", reader);
        assertThat(html).contains("data-verdict=\"REOPEN\"", "Reopened", AlertWriter.SYSTEM_USER, "new evidence: NETWORK:ph-r" + run);
    }

    @Test
    void theSubjectNeverSeesHisAlertAndReachingForItIsASecurityAlert() throws Exception {
        long id = fx.alert(subjectOfficer, network(subjectOfficer, "s" + run, 0.9));
        // His colleagues see it.
        assertThat(page("/vetting/alerts?officer=" + subjectOfficer, reader)).contains("Subjekti" + run);
        assertThat(page("/vetting/alerts/" + id, reader)).contains("Subjekti" + run);
        // Raised by screening and not yet taken up, it suspends nobody (nothing tips him off), and he does not see it.
        assertThat(page("/vetting/alerts?officer=" + subjectOfficer, subject)).doesNotContain("Subjekti" + run);
        takeUp(id);
        // Taken up, he does no vetting work at all: the neutral "suspended" answer, nothing of the alert.
        String suspended = mvc.perform(get("/vetting/alerts/" + id).param("lang", "en").with(as(subject))).andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString();
        assertThat(suspended).contains("Your vetting access is suspended").doesNotContain("Subjekti" + run);
        // Nobody can give it to him.
        mvc.perform(post("/vetting/alerts/" + id + "/assign").param("assignee", subject).with(as(reader)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "alerts.error.assigneeIsSubject"));
        assertThat(page("/vetting/alerts/" + id, reader)).doesNotContain("value=\"" + subject + "\"");
        // Dismissed, he works again, and the alert stays hidden from him: not in the queue, not counted,
        // and its address answers like a missing one (the second line).
        access.system(s -> jdbc.sql("update vetting_alert set status = 'DISMISSED', dismiss_reason = 'no concern' where id = ?").param(id).update());
        String queue = page("/vetting/alerts?officer=" + subjectOfficer + "&lang=en", subject);
        assertThat(queue).doesNotContain("Subjekti" + run).contains("0 alert(s) match");
        String all = page("/vetting/alerts?status=NEW,ASSIGNED,DISMISSED,ESCALATED", subject);
        assertThat(all).doesNotContain("data-alert=\"" + id + "\"");

        long before = trailSize();
        String hidden = mvc.perform(get("/vetting/alerts/" + id).with(as(subject))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        long missingId = Long.MAX_VALUE - 7;
        String missing = mvc.perform(get("/vetting/alerts/" + missingId).with(as(subject))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(normalise(hidden, id)).isEqualTo(normalise(missing, missingId));
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo(subject);
            assertThat(e.event().action()).isEqualTo(AuditAction.SECURITY_ALERT);
            assertThat(e.event().target()).isEqualTo("vetting-alert:" + id);
        }).noneSatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.SECURITY_ALERT);
            assertThat(e.event().target()).isEqualTo("vetting-alert:" + missingId);
        });
        // Nor can he act on it.
        mvc.perform(post("/vetting/alerts/" + id + "/dismiss").param("reason", "not me").with(as(subject)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyClearedVettingOfficersReachThePages() throws Exception {
        mvc.perform(get("/vetting/alerts").with(as(analyst))).andExpect(status().isForbidden());
        String o = fx.officer("U-" + run, "Ulsi", "Hasa" + run, "Berat police");
        long id = fx.alert(o, identifier(o, "u" + run, 0.4));
        mvc.perform(get("/vetting/alerts/" + id).with(as(analyst))).andExpect(status().isForbidden());
        String underReview = "vor-" + run;
        as(underReview);
        jdbc.sql("update app_user set vetting_status = ? where username = ?").params(VettingStatus.UNDER_REVIEW.name(), underReview).update();
        long before = trailSize();
        mvc.perform(get("/vetting/alerts").with(as(underReview))).andExpect(status().isForbidden());
        mvc.perform(get("/vetting/alerts/" + id).with(as(underReview))).andExpect(status().isForbidden());
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo(underReview);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
        });
    }

    /** The page without what differs between any two requests: the CSRF token and the id in the language links. */
    private static String normalise(String html, long id) {
        return html.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "").replace("/vetting/alerts/" + id, "/vetting/alerts/ID");
    }

    private long decisions(long id) {
        return access.system(s -> jdbc.sql("select count(*) from vetting_decision where alert_id = ? and verdict in ('AGREE', 'DISAGREE')")
                .param(id).query(Long.class).single());
    }
}
