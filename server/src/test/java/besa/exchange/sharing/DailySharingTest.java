package besa.exchange.sharing;

import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.audit.AuditOutcome;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Daily sharing on one node (the partner's address leads nowhere, so the outbox row is the proof of
 * sending; delivery and receipt are SharingBetweenNodesTest's). The poll is slowed to an hour; runs are
 * triggered with {@link DailySharing#runDue} at chosen instants. Each test limits its schedule to a
 * source of its own, so runs of other tests' schedules do not disturb it.
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-sharing", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.sharing-poll=1h",
        "besa.exchange.store-received=1h"})
@AutoConfigureMockMvc
class DailySharingTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-sharing-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired DailySharing sharing;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;
    @Autowired besa.exchange.SharingDeadlines deadlines;
    @Autowired besa.exchange.messages.OverdueAlerts overdue;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    RequestPostProcessor officer1;
    RequestPostProcessor officer2;
    String source;

    @BeforeEach
    void partnersAndOfficers() {
        partner("cert-sharing", EnumSet.of(Category.CYBER_INDICATOR, Category.VETTING_LEAD), HandlingCode.H2);
        partner("tnp-sharing", EnumSet.of(Category.PERSON, Category.ORGANISATION), HandlingCode.H3);
        officer1 = account(jdbc, "share-one", Role.LIAISON_OFFICER);
        officer2 = account(jdbc, "share-two", Role.LIAISON_OFFICER);
        jdbc.sql("update app_user set clearance = null where username in ('share-one', 'share-two')").update();
        source = "share-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into source (id, title, originator, legal_basis) values (?, 'Case', 'ASP', 'Law 108/2014')").param(source).update();
    }

    void partner(String id, EnumSet<Category> categories, HandlingCode max) {
        if (registry.find(id).isPresent()) return;
        TestPartners.register(registry, keys, "Agency " + id, "RO", new Agreement(id, categories, "Budapest Convention art. 26", max, false));
    }

    void statement(String entity, String type, String prop, String value, int handling) {
        jdbc.sql("insert into entity (id, type, caption) values (?, ?, ?) on conflict do nothing").params(entity, type, value).update();
        jdbc.sql("""
                insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade, handling)
                values (?, ?, ?, ?, ?, 'ASP', 'Law 108/2014', 'B', 2, ?)""")
                .params(entity, prop, value, value, source, handling).update();
    }

    String schedule(String partner, String category, String ceiling) {
        return "{\"partner\":\"" + partner + "\",\"category\":\"" + category + "\",\"source\":\"" + source
                + "\",\"time\":\"07:00\",\"days\":[],\"ceiling\":\"" + ceiling + "\",\"active\":true}";
    }

    JsonNode call(MockHttpServletRequestBuilder r, RequestPostProcessor who, String body, int status) throws Exception {
        String out = mvc.perform(r.with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body == null ? "" : body))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return out.isEmpty() ? null : JSON.readTree(out);
    }

    List<AuditEvent> audit() {
        return jdbc.sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
    }

    List<SharingPackage> packagesOf(String schedule) {
        return sharing.history(500).stream().filter(p -> p.schedule().toString().equals(schedule)).toList();
    }

    @Test
    void aScheduleTheAgreementDoesNotAllowIsRefusedClearlyAndAudited() throws Exception {
        JsonNode cat = call(post("/api/exchange/sharing/schedules"), officer1, schedule("cert-sharing", "PERSON", "H1"), 400);
        assertThat(cat.get("field").asString()).isEqualTo("category");
        assertThat(cat.get("detail").asString()).contains("does not cover PERSON");
        JsonNode ceiling = call(post("/api/exchange/sharing/schedules"), officer1, schedule("cert-sharing", "CYBER_INDICATOR", "H3"), 400);
        assertThat(ceiling.get("field").asString()).isEqualTo("ceiling");
        assertThat(ceiling.get("detail").asString()).contains("above the agreement's maximum H2");
        assertThat(call(post("/api/exchange/sharing/schedules"), officer1, schedule("nobody", "PERSON", "H1"), 400).get("field").asString())
                .isEqualTo("partner");
        assertThat(call(post("/api/exchange/sharing/schedules"), officer1, schedule("cert-sharing", "CYBER_INDICATOR", "H1").replace("07:00", "7h"), 400)
                .get("field").asString()).isEqualTo("time");
        assertThat(call(post("/api/exchange/sharing/schedules"), officer1, schedule("cert-sharing", "CYBER_INDICATOR", "H1").replace("[]", "[\"FUNDAY\"]"), 400)
                .get("field").asString()).isEqualTo("days");
        // Vetting leads are built (LeadsBetweenNodesTest), but they have no source in the store to limit a schedule to.
        JsonNode leadSource = call(post("/api/exchange/sharing/schedules"), officer1, schedule("cert-sharing", "VETTING_LEAD", "H1"), 400);
        assertThat(leadSource.get("field").asString()).isEqualTo("source");
        assertThat(leadSource.get("detail").asString()).contains("vetting leads have no source");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.outcome() == AuditOutcome.DENIED
                && a.recipient().equals("cert-sharing") && a.justification().contains("does not cover PERSON"));
        assertThat(jdbc.sql("select count(*) from exchange_sharing_schedule where source_id = ?").param(source).query(Long.class).single()).isZero();

        // Accepted, edited (the editor becomes the owner), paused: each audited as an alteration.
        JsonNode s = call(post("/api/exchange/sharing/schedules"), officer1, schedule("cert-sharing", "CYBER_INDICATOR", "H2"), 201);
        String id = s.get("id").asString();
        assertThat(s.get("owner").asString()).isEqualTo("share-one");
        JsonNode edited = call(put("/api/exchange/sharing/schedules/" + id), officer2,
                schedule("cert-sharing", "CYBER_INDICATOR", "H1").replace("[]", "[\"MONDAY\",\"thursday\"]"), 200);
        assertThat(edited.get("owner").asString()).isEqualTo("share-two");
        assertThat(edited.get("ceiling").asString()).isEqualTo("H1");
        assertThat(edited.at("/cadence/days").size()).isEqualTo(2);
        assertThat(call(put("/api/exchange/sharing/schedules/" + id), officer2, schedule("cert-sharing", "CYBER_INDICATOR", "H3"), 400)
                .get("field").asString()).isEqualTo("ceiling");
        assertThat(call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200).get("active").asBoolean()).isFalse();
        assertThat(audit().stream().filter(a -> a.action() == AuditAction.ALTERATION && a.outcome() == AuditOutcome.SUCCESS
                && a.target().startsWith("exchange sharing schedule " + id)).map(AuditEvent::target))
                .containsExactly("exchange sharing schedule " + id + " created", "exchange sharing schedule " + id + " changed",
                        "exchange sharing schedule " + id + " paused");
        // Paused: no calendar entry, no run.
        assertThat(call(get("/api/exchange/sharing/calendar"), officer1, null, 200).toString()).doesNotContain(id);
        statement("ind-" + source, "Indicator", "pattern", "[domain-name:value = 'x.example']", 0);
        sharing.runDue(Instant.now().plus(Duration.ofDays(1)));
        assertThat(packagesOf(id)).isEmpty();
        call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200); // keep it out of other tests' runs
    }

    @Test
    void aPackageHoldsOnlyNewMaterialOfItsCategoryWithinTheCeilingAndNothingNewSendsNothing() throws Exception {
        statement("old-" + source, "Person", "name", "Old Person", 0); // stored before the schedule: never "new" for it
        JsonNode s = call(post("/api/exchange/sharing/schedules"), officer1, schedule("tnp-sharing", "PERSON", "H1"), 201);
        String id = s.get("id").asString();
        statement("p-" + source, "Person", "name", "Arben Krasniqi", 1);
        statement("p-" + source, "Person", "alias", "Beni i Madh", 2); // above the ceiling: stays here
        statement("h3-" + source, "Person", "name", "Secret Person", 3); // only above the ceiling: not new material at all
        statement("org-" + source, "Organization", "name", "Grupi X", 0); // another category
        statement("comp-" + source, "Person", "name", "Compartment Person", 0); // in a compartment: never in an automatic package
        tx.executeWithoutResult(t -> {
            jdbc.sql("select set_config('besa.system', 'on', true)").query().singleRow();
            jdbc.sql("insert into restricted_entity (entity_id, vetting) values (?, false)").param("comp-" + source).update();
        });
        Instant day1 = Instant.now().plus(Duration.ofDays(1));
        sharing.runDue(day1);
        List<SharingPackage> runs = packagesOf(id);
        assertThat(runs).hasSize(1);
        SharingPackage p = runs.get(0);
        assertThat(p.status()).isEqualTo("PENDING_APPROVAL");
        assertThat(jdbc.sql("select payload::text from exchange_draft where id = ?").param(p.draft()).query(String.class).single())
                .doesNotContain("Compartment Person");
        assertThat(p.entities()).isEqualTo(1);
        assertThat(p.statements()).isEqualTo(1);
        assertThat(p.dueAt()).isEqualTo(new Cadence(java.time.LocalTime.of(7, 0), java.util.Set.of()).latest(day1));
        String payload = jdbc.sql("select payload::text from exchange_draft where id = ?").param(p.draft()).query(String.class).single();
        assertThat(payload).contains("Arben Krasniqi", "\"category\": \"PERSON\"")
                .doesNotContain("Beni", "Secret", "Grupi", "Old Person", "Compartment Person");
        assertThat(jdbc.sql("select composed_by from exchange_draft where id = ?").param(p.draft()).query(String.class).single()).isEqualTo("share-one");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DISCLOSURE && a.outcome() == AuditOutcome.SUCCESS
                && a.recipient().equals("tnp-sharing") && a.target().contains("sharing package " + p.id() + " built"));
        // The same due time again builds nothing more.
        sharing.runDue(day1.plusSeconds(60));
        assertThat(packagesOf(id)).hasSize(1);

        // Next day: nothing new is recorded, and nothing is queued.
        long outbox = jdbc.sql("select count(*) from exchange_outbox").query(Long.class).single();
        sharing.runDue(day1.plus(Duration.ofDays(1)));
        SharingPackage empty = packagesOf(id).get(0);
        assertThat(empty.status()).isEqualTo("NOTHING_NEW");
        assertThat(empty.draft()).isNull();
        assertThat(jdbc.sql("select count(*) from exchange_outbox").query(Long.class).single()).isEqualTo(outbox);

        // A new statement on the person and a new person: both new, the old statement goes along as context.
        statement("p-" + source, "Person", "birthDate", "1980-02-03", 0);
        statement("p2-" + source, "Person", "name", "Dritan Hoxha", 0);
        sharing.runDue(day1.plus(Duration.ofDays(2)));
        SharingPackage third = packagesOf(id).get(0);
        assertThat(third.entities()).isEqualTo(2);
        String third3 = jdbc.sql("select payload::text from exchange_draft where id = ?").param(third.draft()).query(String.class).single();
        assertThat(third3).contains("Dritan Hoxha", "1980-02-03", "Arben Krasniqi").doesNotContain("Beni");
        call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200);
    }

    @Test
    void missedDueTimesBuildOnePackageForTheLatest() throws Exception {
        JsonNode s = call(post("/api/exchange/sharing/schedules"), officer1, schedule("cert-sharing", "CYBER_INDICATOR", "H2"), 201);
        String id = s.get("id").asString();
        statement("ind-" + source, "Indicator", "pattern", "[ipv4-addr:value = '203.0.113.9']", 1);
        statement("obs-" + source, "Observable", "value", "203.0.113.9", 2);
        statement("obs-" + source, "Observable", "kind", "ipv4-addr", 3); // above the agreement and the ceiling
        Instant fiveDaysLater = Instant.now().plus(Duration.ofDays(5)); // the server was down for four due times
        sharing.runDue(fiveDaysLater);
        List<SharingPackage> runs = packagesOf(id);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).dueAt()).isEqualTo(new Cadence(java.time.LocalTime.of(7, 0), java.util.Set.of()).latest(fiveDaysLater));
        assertThat(runs.get(0).entities()).isEqualTo(2);
        assertThat(runs.get(0).category()).isEqualTo("CYBER_INDICATOR");
        String payload = jdbc.sql("select payload::text from exchange_draft where id = ?").param(runs.get(0).draft()).query(String.class).single();
        assertThat(payload).contains("203.0.113.9", "CYBER_INDICATOR").doesNotContain("ipv4-addr\"");
        sharing.runDue(fiveDaysLater.plusSeconds(3600));
        assertThat(packagesOf(id)).hasSize(1);
        call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200);
    }

    @Test
    void anotherOfficerApprovesAndItIsSentAsInformationOrRefusesWithAReason() throws Exception {
        JsonNode s = call(post("/api/exchange/sharing/schedules"), officer1, schedule("tnp-sharing", "ORGANISATION", "H3"), 201);
        String id = s.get("id").asString();
        statement("org1-" + source, "Organization", "name", "Grupi Y", 3);
        Instant day1 = Instant.now().plus(Duration.ofDays(1));
        sharing.runDue(day1);
        SharingPackage p = packagesOf(id).get(0);
        // The officer who set the schedule chose what leaves: he may not approve it, and it is not listed for him.
        JsonNode own = call(post("/api/exchange/sharing/packages/" + p.id() + "/approve"), officer1, "{}", 403);
        assertThat(own.get("detail").asString()).contains("second liaison officer");
        assertThat(mvc.perform(get("/exchange/sharing").with(officer1)).andReturn().getResponse().getContentAsString())
                .doesNotContain("package-" + p.id());
        assertThat(mvc.perform(get("/exchange/sharing").with(officer2)).andReturn().getResponse().getContentAsString())
                .contains("package-" + p.id(), "Grupi Y");
        assertThat(call(get("/api/exchange/sharing/approvals"), officer1, null, 200).toString()).doesNotContain(p.id().toString());
        assertThat(call(get("/api/exchange/sharing/approvals"), officer2, null, 200).toString()).contains(p.id().toString());
        // The approvals page of Messages lists it as well (one approval machinery).
        assertThat(mvc.perform(get("/api/exchange/approvals").with(officer2)).andReturn().getResponse().getContentAsString()).contains(p.draft().toString());
        JsonNode ok = call(post("/api/exchange/sharing/packages/" + p.id() + "/approve"), officer2, "{\"reason\":\"checked\"}", 200);
        assertThat(ok.get("status").asString()).isEqualTo("SENT");
        assertThat(ok.get("decidedBy").asString()).isEqualTo("share-two");
        String message = jdbc.sql("select message::text from exchange_outbox where message_id = ?::uuid").param(ok.get("messageId").asString())
                .query(String.class).single();
        assertThat(message).contains("\"kind\": \"INFORMATION\"", "Grupi Y", "\"to\": \"tnp-sharing\"");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DISCLOSURE && a.outcome() == AuditOutcome.SUCCESS
                && a.actor().equals("share-two") && a.recipient().equals("tnp-sharing") && a.target().contains(ok.get("messageId").asString()));
        call(post("/api/exchange/sharing/packages/" + p.id() + "/approve"), officer2, "{}", 409);

        // The next package is refused: a reason is required, nothing leaves.
        statement("org2-" + source, "Organization", "name", "Grupi Z", 0);
        sharing.runDue(day1.plus(Duration.ofDays(1)));
        SharingPackage q = packagesOf(id).get(0);
        assertThat(q.id()).isNotEqualTo(p.id());
        assertThat(call(post("/api/exchange/sharing/packages/" + q.id() + "/refuse"), officer2, "{\"reason\":\" \"}", 400).get("field").asString())
                .isEqualTo("reason");
        JsonNode refused = call(post("/api/exchange/sharing/packages/" + q.id() + "/refuse"), officer2, "{\"reason\":\"not for them\"}", 200);
        assertThat(refused.get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("note").asString()).isEqualTo("not for them");
        assertThat(refused.get("messageId").isNull()).isTrue();
        call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200);
    }

    @Test
    void anAgreementNarrowedAfterTheScheduleWasSetIsObeyedAtBuildTime() throws Exception {
        String partner = "bka-" + source;
        partner(partner, EnumSet.of(Category.PERSON, Category.ORGANISATION), HandlingCode.H2);
        String id = call(post("/api/exchange/sharing/schedules"), officer1, schedule(partner, "PERSON", "H2"), 201).get("id").asString();
        statement("n-" + source, "Person", "name", "Ilir Gashi", 0);
        statement("n-" + source, "Person", "alias", "Ili", 2);
        registry.saveAgreement(new Agreement(partner, EnumSet.of(Category.PERSON), "Budapest Convention art. 26", HandlingCode.H1, false));
        Instant day1 = Instant.now().plus(Duration.ofDays(1));
        sharing.runDue(day1);
        SharingPackage p = packagesOf(id).get(0);
        String payload = jdbc.sql("select payload::text from exchange_draft where id = ?").param(p.draft()).query(String.class).single();
        assertThat(payload).contains("Ilir Gashi").doesNotContain("\"Ili\""); // H2 is above the agreement's new maximum H1

        // The agreement no longer covers the category: the run is recorded as not allowed, audited, nothing held or sent.
        registry.saveAgreement(new Agreement(partner, EnumSet.of(Category.ORGANISATION), "Budapest Convention art. 26", HandlingCode.H1, false));
        statement("n2-" + source, "Person", "name", "Genti Berisha", 0);
        sharing.runDue(day1.plus(Duration.ofDays(1)));
        SharingPackage refused = packagesOf(id).get(0);
        assertThat(refused.status()).isEqualTo("NOT_ALLOWED");
        assertThat(refused.draft()).isNull();
        assertThat(refused.note()).contains("no longer covers PERSON");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DISCLOSURE && a.outcome() == AuditOutcome.DENIED
                && a.recipient().equals(partner) && a.target().contains("sharing package " + refused.id()));
        // ... and resuming it is refused for the same reason.
        call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200);
        assertThat(call(post("/api/exchange/sharing/schedules/" + id + "/resume"), officer1, null, 400).get("field").asString()).isEqualTo("category");
    }

    @Test
    void calendarAndHistoryInBothLanguagesAndRest() throws Exception {
        JsonNode s = call(post("/api/exchange/sharing/schedules"), officer1,
                schedule("tnp-sharing", "PERSON", "H1").replace("[]", "[\"MONDAY\",\"WEDNESDAY\"]"), 201);
        String id = s.get("id").asString();
        JsonNode cal = call(get("/api/exchange/sharing/calendar"), officer1, null, 200);
        long mine = 0;
        for (JsonNode d : cal) if (d.get("schedule").asString().equals(id)) mine++;
        assertThat(mine).isEqualTo(4); // two weekdays a week, over 14 days
        statement("cal-" + source, "Person", "name", "Calendar Person", 0);
        sharing.runDue(Instant.now().plus(Duration.ofDays(7)));
        String sq = mvc.perform(get("/exchange/sharing").with(officer2)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("Shkëmbimi i përditshëm", "Në 14 ditët e ardhshme", "Historiku", "E hënë", "pret miratimin", "Calendar Person");
        String en = mvc.perform(get("/exchange/sharing").param("lang", "en").with(officer2)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(en).contains("Daily sharing", "Due in the next 14 days", "History", "Monday", "waiting for approval", "Approve and send");
        String form = mvc.perform(get("/exchange/sharing/schedules/" + id).param("lang", "en").with(officer1)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(form).contains("Sharing schedule", "Time (HH:mm, Tirane time)");
        // A refused schedule on the page: the message, nothing stored.
        String refused = mvc.perform(post("/exchange/sharing/schedules").with(officer1).with(csrf()).param("lang", "en").param("partner", "tnp-sharing")
                        .param("category", "CYBER_INDICATOR").param("time", "08:00").param("ceiling", "H1").param("active", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Refused", "does not cover CYBER_INDICATOR");
        JsonNode history = call(get("/api/exchange/sharing/packages"), officer1, null, 200);
        assertThat(history.toString()).contains(id);
        // An analyst reaches none of it.
        mvc.perform(get("/api/exchange/sharing/calendar").with(account(jdbc, "share-analyst", Role.ANALYST))).andExpect(status().isForbidden());
        call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200);
    }

    /**
     * A VETTING_LEAD package (ADR 0006): built with the lead's fields, shown to a vetting officer on /vetting/releases in
     * both languages, not on the liaison officers' pages; refused there with a reason, and nothing leaves.
     */
    @Test
    void aLeadPackageIsShownToTheVettingUnitOnItsPageAndRefusedWithAReason() throws Exception {
        RequestPostProcessor vetter = account(jdbc, "share-vetter", Role.VETTING_OFFICER);
        jdbc.sql("update app_user set clearance = null where username = 'share-vetter'").update();
        JsonNode s = call(post("/api/exchange/sharing/schedules"), officer1, """
                {"partner":"cert-sharing","category":"VETTING_LEAD","originator":"ASP","time":"07:00","days":[],"ceiling":"H2","active":true}""", 201);
        String ref = "REL-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/vetting/leads/import").with(vetter).with(csrf()).contentType("text/csv").content(
                        "reference,originator,legal_basis,handling,platform,kind,value,attribution,entity_id\n"
                                + ref + ",ASP,Law 108/2014,H1,Sky ECC,PHONE,+355 69 765 4321,seen with the issued phone,E-KEEP-HOME\n"))
                .andExpect(status().isOk());
        sharing.runDue(Instant.now().plus(Duration.ofDays(1)));
        SharingPackage p = sharing.history(100).stream().filter(x -> x.schedule().toString().equals(s.get("id").asString())).findFirst().orElseThrow();
        assertThat(p.status()).isEqualTo("PENDING_APPROVAL");

        String en = mvc.perform(get("/vetting/releases").param("lang", "en").with(vetter)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(en).contains("Lead releases", ref, "+355697654321", "SKY_ECC", "seen with the issued phone", "Law 108/2014", "H1", "Release and send")
                .doesNotContain("E-KEEP-HOME");
        String sq = mvc.perform(get("/vetting/releases").with(vetter)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("Lëshimi i të dhënave", "Lësho dhe dërgo", ref);
        // Liaison officers: not on their page (a note says where it is), and the vetting page is not theirs.
        String sharingPage = mvc.perform(get("/exchange/sharing").param("lang", "en").with(officer2)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(sharingPage).contains("Packages of vetting leads").doesNotContain(ref);
        mvc.perform(get("/vetting/releases").with(officer2)).andExpect(status().isForbidden());

        // A refusal needs a reason (shown, nothing changes); with one, the package is refused and nothing is queued.
        mvc.perform(post("/vetting/releases/" + p.id()).with(vetter).with(csrf()).param("decision", "refuse"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error",
                        org.hamcrest.Matchers.containsString("reason")));
        assertThat(sharing.pkg(p.id()).orElseThrow().status()).isEqualTo("PENDING_APPROVAL");
        mvc.perform(post("/vetting/releases/" + p.id()).with(vetter).with(csrf()).param("decision", "refuse").param("reason", "not for this partner"))
                .andExpect(status().is3xxRedirection());
        SharingPackage refused = sharing.pkg(p.id()).orElseThrow();
        assertThat(refused.status()).isEqualTo("REFUSED");
        assertThat(refused.decidedBy()).isEqualTo("share-vetter");
        assertThat(refused.messageId()).isNull();
        call(post("/api/exchange/sharing/schedules/" + s.get("id").asString() + "/pause"), officer1, null, 200);
    }

    /**
     * A package is built to its ceiling and held in the schedule owner's name, so the ceiling may not exceed his own
     * clearance; and his list of drafts shows only what he may read now (his clearance may be lowered later).
     */
    @Test
    void aCeilingAboveTheOwnersClearanceIsRefusedAndHisDraftsShowOnlyWhatHeMayRead() throws Exception {
        RequestPostProcessor low = account(jdbc, "share-low", Role.LIAISON_OFFICER);
        jdbc.sql("update app_user set clearance = 1 where username = 'share-low'").update();
        JsonNode refused = call(post("/api/exchange/sharing/schedules"), low, schedule("tnp-sharing", "PERSON", "H2"), 400);
        assertThat(refused.get("field").asString()).isEqualTo("ceiling");
        assertThat(refused.get("detail").asString()).contains("above your own clearance (H1)");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.outcome() == AuditOutcome.DENIED
                && a.actor().equals("share-low") && a.recipient().equals("tnp-sharing") && a.justification().contains("above your own clearance"));
        assertThat(jdbc.sql("select count(*) from exchange_sharing_schedule where source_id = ?").param(source).query(Long.class).single()).isZero();
        String lowId = call(post("/api/exchange/sharing/schedules"), low, schedule("tnp-sharing", "PERSON", "H1"), 201).get("id").asString();
        call(post("/api/exchange/sharing/schedules/" + lowId + "/pause"), low, null, 200);

        // A package to H3 held in share-one's name; once his clearance is lowered, his drafts no longer show it.
        String id = call(post("/api/exchange/sharing/schedules"), officer1, schedule("tnp-sharing", "PERSON", "H3"), 201).get("id").asString();
        statement("h3p-" + source, "Person", "name", "Top Secret Person", 3);
        sharing.runDue(Instant.now().plus(Duration.ofDays(1)));
        UUID draft = packagesOf(id).get(0).draft();
        assertThat(draft).isNotNull();
        assertThat(call(get("/api/exchange/drafts"), officer1, null, 200).toString()).contains(draft.toString());
        jdbc.sql("update app_user set clearance = 1 where username = 'share-one'").update();
        try {
            assertThat(call(get("/api/exchange/drafts"), officer1, null, 200).toString()).doesNotContain(draft.toString())
                    .doesNotContain("Top Secret Person");
        } finally {
            jdbc.sql("update app_user set clearance = null where username = 'share-one'").update();
            call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200); // keep it out of other tests' runs
        }
    }

    @Test
    void aPackageLeftUnapprovedPastItsTimeIsAlertedOnceCountedOnThePagesAndInMetrics() throws Exception {
        JsonNode s = call(post("/api/exchange/sharing/schedules"), officer1, schedule("tnp-sharing", "ORGANISATION", "H1"), 201);
        String id = s.get("id").asString();
        statement("org-late-" + source, "Organization", "name", "Grupi Z", 1);
        sharing.runDue(Instant.now().plus(Duration.ofDays(1)));
        SharingPackage p = packagesOf(id).get(0);
        assertThat(p.status()).isEqualTo("PENDING_APPROVAL");
        assertThat(deadlines.after()).isEqualTo(Duration.ofHours(24)); // the default
        assertThat(deadlines.overdue(Instant.now())).noneMatch(u -> u.packageId().equals(p.id()));
        int before = overdue.count().packagesUnapproved();

        // Built 25 hours ago and still waiting: overdue.
        jdbc.sql("update exchange_sharing_package set built_at = now() - interval '25 hours' where id = ?").param(p.id()).update();
        assertThat(deadlines.overdue(Instant.now())).anyMatch(u -> u.packageId().equals(p.id()) && u.partnerId().equals("tnp-sharing"));
        OverdueCount now = new OverdueCount(overdue.count().packagesUnapproved());
        assertThat(now.n()).isEqualTo(before + 1);
        assertThat(meters.find("besa.exchange.sharing.unapproved.overdue").gauge().value()).isEqualTo(deadlines.countOverdue(Instant.now()));

        // Alerted once, however often the check runs.
        overdue.raise();
        overdue.raise();
        assertThat(audit()).filteredOn(a -> a.action() == AuditAction.DISCLOSURE && a.outcome() == AuditOutcome.FAILED
                && a.target().contains("sharing package " + p.id())).hasSize(1)
                .allMatch(a -> a.recipient().equals("tnp-sharing") && a.justification().contains("within PT24H"));
        assertThat(jdbc.sql("select count(*) from exchange_sharing_overdue_alert where package_id = ?").param(p.id()).query(Long.class).single()).isOne();

        // On every exchange page, in both languages, linking to the sharing page.
        String en = mvc.perform(get("/exchange/partners").param("lang", "en").with(officer2)).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("overdue-packages", "Overdue: " + now.n() + " daily-sharing package(s) waiting for approval");
        String sq = mvc.perform(get("/exchange/sharing").with(officer2)).andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("overdue-packages", "Me vonesë: " + now.n() + " paketë/a të ndarjes ditore").doesNotContain("??sharing.overdue");
        // The package itself is marked in the approvals of the sharing page.
        assertThat(sq.substring(sq.indexOf("package-" + p.id()))).contains("overdue-package", "Me vonesë: pret miratim që nga");

        // Approved: no longer counted.
        call(post("/api/exchange/sharing/packages/" + p.id() + "/approve"), officer2, "{\"reason\":\"checked\"}", 200);
        assertThat(overdue.count().packagesUnapproved()).isEqualTo(before);
        assertThat(deadlines.overdue(Instant.now())).noneMatch(u -> u.packageId().equals(p.id()));
        call(post("/api/exchange/sharing/schedules/" + id + "/pause"), officer1, null, 200);
    }

    @Autowired @org.springframework.beans.factory.annotation.Qualifier(besa.platform.db.DatabaseConfig.OWNER) javax.sql.DataSource owner;

    /**
     * The selection's query (StoreSelector) on 200,000 statements spread over 139 days reads a one-day window through
     * statement_created_idx (V168) instead of scanning the table. In one transaction rolled back, so nothing stays.
     */
    @Test
    void theSelectionReadsARecentWindowThroughTheCreatedAtIndex() throws Exception {
        try (var c = owner.getConnection(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("insert into entity (id, type, caption) select 'plan-' || g, case when g % 4 = 0 then 'Organization' else 'Person' end, 'c'"
                        + " from generate_series(1, 20000) g");
                st.execute("insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade,"
                        + " handling, created_at) select 'plan-' || (g % 20000 + 1), 'name', 'v' || g, 'v' || g, '" + source + "', 'ASP', 'L', 'B', 2,"
                        + " g % 4, now() - (g || ' minutes')::interval from generate_series(1, 200000) g");
                st.execute("analyze statement");
                st.execute("analyze entity");
                StringBuilder plan = new StringBuilder();
                try (var rs = st.executeQuery("""
                        explain select s.id, s.entity_id from statement s join entity e on e.id = s.entity_id
                        where s.retired_at is null and s.handling <= 1 and e.type in ('Organization') and s.created_at >= now() - interval '1 day'
                          and not exists (select 1 from exchange_sharing_item i where i.schedule_id = '00000000-0000-0000-0000-000000000000'::uuid and i.item_key = 'statement:' || s.id)
                        order by s.id""")) {
                    while (rs.next()) plan.append(rs.getString(1)).append('\n');
                }
                assertThat(plan.toString()).contains("statement_created_idx").doesNotContain("Seq Scan on statement");
            } finally {
                c.rollback();
            }
        }
    }

    record OverdueCount(int n) {}
}
