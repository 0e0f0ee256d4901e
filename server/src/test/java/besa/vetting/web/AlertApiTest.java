package besa.vetting.web;

import static besa.vetting.alert.AlertFixtures.colocation;
import static besa.vetting.alert.AlertFixtures.identifier;
import static besa.vetting.alert.AlertFixtures.insiderFinding;
import static besa.vetting.alert.AlertFixtures.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** {@code /api/vetting/alerts}: filters, one alert, assignment, decisions, dismissal, problem details and subject protection. */
class AlertApiTest extends AlertTestBase {

    private ResultActions postJson(String url, String user, String json) throws Exception {
        return mvc.perform(post(url).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void theQueueFiltersAndPages() throws Exception {
        String a = fx.officer("AA-" + run, "Alma", "Dervishi" + run, "Elbasan police");
        long first = fx.alert(a, network(a, "aa" + run, 0.8));
        String b = fx.officer("AB-" + run, "Blerim", "Cela" + run, "Elbasan police");
        long second = fx.alert(b, identifier(b, "ab" + run, 0.3));
        long insider = fx.insider("clerk-" + run, insiderFinding("clerk-" + run, "i" + run, 0.5));

        mvc.perform(get("/api/vetting/alerts?officer=" + a).with(as(reader)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(first))
                .andExpect(jsonPath("$.items[0].officerName").value("Alma Petrit Dervishi" + run))
                .andExpect(jsonPath("$.items[0].unit").value("Elbasan police"))
                .andExpect(jsonPath("$.items[0].percent").value(80))
                .andExpect(jsonPath("$.items[0].band").value("high"))
                .andExpect(jsonPath("$.items[0].topFactors[0].summaryEn").value("The officer's phone communicates with a member of the group Grupi-aa" + run));
        mvc.perform(get("/api/vetting/alerts?origin=INSIDER&size=100").with(as(reader)))
                .andExpect(jsonPath("$.items[*].id").value(hasItem(jsonId(insider))))
                .andExpect(jsonPath("$.items[*].id").value(not(hasItem(jsonId(first)))))
                .andExpect(jsonPath("$.items[?(@.id == " + insider + ")].userName").value(hasItem("clerk-" + run)));
        mvc.perform(get("/api/vetting/alerts?minScore=0.5&size=100").with(as(reader)))
                .andExpect(jsonPath("$.items[*].id").value(hasItem(jsonId(first))))
                .andExpect(jsonPath("$.items[*].id").value(not(hasItem(jsonId(second)))));
        mvc.perform(get("/api/vetting/alerts?officer=" + b + "&status=DISMISSED").with(as(reader))).andExpect(jsonPath("$.total").value(0));
        // Paging: one per page.
        mvc.perform(get("/api/vetting/alerts?minScore=0.25&size=1&page=0").with(as(reader)))
                .andExpect(jsonPath("$.items.length()").value(1)).andExpect(jsonPath("$.size").value(1));

        // Bad filters: what, where, why.
        mvc.perform(get("/api/vetting/alerts?status=OPEN").with(as(reader)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"))
                .andExpect(jsonPath("$.value").value("OPEN"))
                .andExpect(jsonPath("$.detail").value("Unknown status \"OPEN\": use NEW, ASSIGNED, DISMISSED or ESCALATED."));
        mvc.perform(get("/api/vetting/alerts?minScore=high").with(as(reader)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("minScore"));
        mvc.perform(get("/api/vetting/alerts?size=1000").with(as(reader)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/vetting/alerts?origin=HR").header("Accept-Language", "sq").with(as(reader)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("Burim i panjohur \"HR\": përdorni SCREENING ose INSIDER."));
    }

    @Test
    void oneAlertWithFactorsEvidenceAndDecisions() throws Exception {
        String o = fx.officer("AD-" + run, "Dashamir", "Shehu" + run, "Lezhë police");
        long id = fx.alert(o, network(o, "ad" + run, 0.6), colocation(o, "ad" + run, 0.5));
        String factor = "COLOCATION:acc-ad" + run;
        long before = trailSize();

        mvc.perform(get("/api/vetting/alerts/" + id).with(as(reader)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.alert.id").value(id))
                .andExpect(jsonPath("$.officer.id").value(o))
                .andExpect(jsonPath("$.factors.length()").value(2))
                .andExpect(jsonPath("$.factors[0].kind").value("NETWORK"))
                .andExpect(jsonPath("$.factors[0].evidence.path[3].id").value("org-ad" + run))
                .andExpect(jsonPath("$.factors[1].evidence.events[0].place").value("Durrës port"))
                .andExpect(jsonPath("$.decisions.length()").value(0));
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.CONSULTATION);
            assertThat(e.event().target()).isEqualTo("vetting-alert:" + id);
        });

        // Decisions: validated with what, where and why; nothing stored when refused.
        postJson("/api/vetting/alerts/" + id + "/decisions", reader, "{\"verdict\":\"AGREE\",\"factorKey\":null}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"))
                .andExpect(jsonPath("$.detail").value("A reason is required (field reason)."));
        postJson("/api/vetting/alerts/" + id + "/decisions", reader, "{\"verdict\":\"AGREE\",\"factorKey\":\"PERSON:x\",\"reason\":\"r\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("factorKey"))
                .andExpect(jsonPath("$.value").value("PERSON:x"))
                .andExpect(jsonPath("$.detail").value("Alert " + id + " has no reason with the key \"PERSON:x\"."));
        postJson("/api/vetting/alerts/" + id + "/decisions", reader, "{\"verdict\":\"PERHAPS\",\"reason\":\"r\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("verdict"));
        postJson("/api/vetting/alerts/" + id + "/decisions", reader, "{\"verdict\":")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-alert-body"));
        postJson("/api/vetting/alerts/" + id + "/decisions", reader, "{\"verdict\":\"AGREE\",\"reason\":\"" + "x".repeat(2001) + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));

        postJson("/api/vetting/alerts/" + id + "/decisions", reader, "{\"verdict\":\"DISAGREE\",\"reason\":\"Too high for one path\"}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.verdict").value("DISAGREE"))
                .andExpect(jsonPath("$.factorKey").doesNotExist()).andExpect(jsonPath("$.decidedBy").value(reader));
        postJson("/api/vetting/alerts/" + id + "/decisions", reader,
                "{\"verdict\":\"agree\",\"factorKey\":\"" + factor + "\",\"reason\":\"Three meetings at the port\"}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.factorKey").value(factor));

        // Assignment.
        postJson("/api/vetting/alerts/" + id + "/assign", reader, "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("assignee"));
        postJson("/api/vetting/alerts/" + id + "/assign", reader, "{\"assignee\":\"nobody-" + run + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.value").value("nobody-" + run))
                .andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-alert-unknown-assignee"));
        postJson("/api/vetting/alerts/" + id + "/assign", reader, "{\"assignee\":\"" + analyst + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-alert-not-vetting-officer"));
        postJson("/api/vetting/alerts/" + id + "/assign", reader, "{\"assignee\":\"" + colleague + "\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.verdict").value("ASSIGN"));

        mvc.perform(get("/api/vetting/alerts/" + id).with(as(reader)))
                .andExpect(jsonPath("$.alert.status").value("ASSIGNED"))
                .andExpect(jsonPath("$.alert.assignee").value(colleague))
                .andExpect(jsonPath("$.decisions.length()").value(3))
                .andExpect(jsonPath("$.decisions[1].reason").value("Three meetings at the port"));
        mvc.perform(get("/api/vetting/alerts?assignee=mine&officer=" + o).with(as(colleague))).andExpect(jsonPath("$.total").value(1));

        // Dismissal.
        postJson("/api/vetting/alerts/" + id + "/dismiss", reader, "{\"reason\":\"\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
        // Assigned to the colleague: only he may dismiss it.
        postJson("/api/vetting/alerts/" + id + "/dismiss", reader, "{\"reason\":\"Port meetings are his duty\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-alert-assigned-to-other"));
        long beforeDismiss = trailSize();
        postJson("/api/vetting/alerts/" + id + "/dismiss", colleague, "{\"reason\":\"Port meetings are his duty\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.verdict").value("DISMISS"));
        assertThat(trailSince(beforeDismiss)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.DECISION);
            assertThat(e.event().justification()).isEqualTo("DISMISS: Port meetings are his duty");
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
        postJson("/api/vetting/alerts/" + id + "/dismiss", reader, "{\"reason\":\"again\"}").andExpect(status().isConflict());
        postJson("/api/vetting/alerts/" + id + "/decisions", reader, "{\"verdict\":\"AGREE\",\"reason\":\"late\"}")
                .andExpect(status().isConflict());
        mvc.perform(get("/api/vetting/alerts/" + id).with(as(reader)))
                .andExpect(jsonPath("$.alert.status").value("DISMISSED"))
                .andExpect(jsonPath("$.dismissedBy").value(colleague))
                .andExpect(jsonPath("$.dismissReason").value("Port meetings are his duty"));
    }

    @Test
    void anEscalatedAlertCannotBeDismissed() throws Exception {
        String o = fx.officer("AE-" + run, "Edmond", "Prifti" + run, "Gjirokastër police");
        long id = fx.alert(o, identifier(o, "ae" + run, 0.5));
        access.system(s -> jdbc.sql("update vetting_alert set status = 'ESCALATED' where id = ?").param(id).update());
        postJson("/api/vetting/alerts/" + id + "/dismiss", reader, "{\"reason\":\"closing\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-alert-escalated"))
                .andExpect(jsonPath("$.detail").value("Alert " + id + " has been escalated to a case and cannot be dismissed; the case decides."));
        assertThat(alertStatus(id)).isEqualTo("ESCALATED");
    }

    @Test
    void theSubjectGetsNotFoundAndOthersWithoutTheVettingRoleGetForbidden() throws Exception {
        long id = fx.alert(subjectOfficer, network(subjectOfficer, "as" + run, 0.9));
        mvc.perform(get("/api/vetting/alerts?officer=" + subjectOfficer).with(as(reader))).andExpect(jsonPath("$.total").value(1));
        // Not yet taken up it suspends nobody; taken up, its subject does no vetting work at all.
        mvc.perform(get("/api/vetting/alerts?officer=" + subjectOfficer).with(as(subject))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        takeUp(id);
        mvc.perform(get("/api/vetting/alerts?officer=" + subjectOfficer).with(as(subject)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-access-suspended"));
        mvc.perform(get("/api/vetting/alerts/" + id).with(as(subject))).andExpect(status().isForbidden());
        // Once dismissed he works again, and the alert stays hidden from him (the second line).
        postJson("/api/vetting/alerts/" + id + "/dismiss", reader, "{\"reason\":\"no concern\"}").andExpect(status().isOk());
        mvc.perform(get("/api/vetting/alerts?officer=" + subjectOfficer).with(as(subject)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));

        long before = trailSize();
        mvc.perform(get("/api/vetting/alerts/" + id).with(as(subject)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("There is no alert " + id + "."));
        postJson("/api/vetting/alerts/" + id + "/decisions", subject, "{\"verdict\":\"DISAGREE\",\"reason\":\"not me\"}")
                .andExpect(status().isNotFound());
        assertThat(trailSince(before).stream().filter(e -> e.event().action() == AuditAction.SECURITY_ALERT
                && e.event().actor().equals(subject) && e.event().target().equals("vetting-alert:" + id))).hasSize(2);
        long decisions = access.system(s -> jdbc.sql("select count(*) from vetting_decision where alert_id = ? and decided_by = ?").params(id, subject).query(Long.class).single());
        assertThat(decisions).isZero();
        // An open insider alert about one's own account suspends him too; his colleague sees it.
        long own = fx.insider(reader, insiderFinding(reader, "own" + run, 0.5));
        access.system(s -> jdbc.sql("update vetting_alert set status = 'ASSIGNED', assignee = ? where id = ?").params(colleague, own).update());
        mvc.perform(get("/api/vetting/alerts/" + own).with(as(reader))).andExpect(status().isForbidden());
        mvc.perform(get("/api/vetting/alerts?origin=INSIDER&size=100").with(as(reader))).andExpect(status().isForbidden());
        mvc.perform(get("/api/vetting/alerts/" + own).with(as(colleague))).andExpect(status().isOk());
        // Dismissed, he works again (the other tests of this class use him).
        access.system(s -> jdbc.sql("update vetting_alert set status = 'DISMISSED', dismiss_reason = 'explained' where id = ?").param(own).update());
        mvc.perform(get("/api/vetting/alerts/" + own).with(as(reader))).andExpect(status().isNotFound());

        mvc.perform(get("/api/vetting/alerts").with(as(analyst))).andExpect(status().isForbidden());
        mvc.perform(get("/api/vetting/alerts/" + id).with(as(analyst))).andExpect(status().isForbidden());
        postJson("/api/vetting/alerts/" + id + "/dismiss", analyst, "{\"reason\":\"x\"}").andExpect(status().isForbidden());
        assertThat(alertStatus(id)).isEqualTo("DISMISSED");
    }

    /** An id as JsonPath reads it back: Integer when it fits, Long otherwise (ids are random up to 2^53 since V104). */
    private static Object jsonId(long id) {
        return id == (int) id ? (Object) (int) id : (Object) id;
    }
}
