package besa.exchange.sharing;

import static besa.access.TestLogins.account;
import static besa.access.TestLogins.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.audit.AuditOutcome;
import besa.exchange.OnwardRules;
import besa.exchange.envelope.LeadWire;
import besa.exchange.envelope.Payload;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerAdmin;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.casefile.CaseFixture;
import besa.vetting.lead.Lead;
import besa.vetting.lead.LeadStore;
import besa.vetting.personnel.PersonnelRegister;
import besa.vetting.release.IncomingLead;
import besa.vetting.release.LeadRelease;
import java.nio.charset.StandardCharsets;
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
 * The rules of lead release a security review asked for (docs/adr/0006), on one node whose agency is "ASP" (the
 * recipient's address leads nowhere: the outbox row is the proof of sending): onward rules by partner id, never by
 * agency name; a lead that cannot travel is skipped, not the package; a lead changed since the package was built
 * stops its approval; a lead the approver may not read gets the neutral 403; liaison history without lead package
 * ids; a suspended vetting officer gets the vetting gate's refusal on the release pages.
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-leadrules", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.sharing-poll=1h",
        "besa.exchange.store-received=1h"})
@AutoConfigureMockMvc
class LeadReleaseRulesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-leadrules-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired PartnerAdmin admin;
    @Autowired DailySharing sharing;
    @Autowired LeadRelease release;
    @Autowired LeadStore store;
    @Autowired VettingAccess access;
    @Autowired OnwardRules onward;
    @Autowired PersonnelRegister personnel;
    @Autowired AlertWriter alerts;
    @Autowired AccessProfiles profiles;

    String run;
    String recipient;
    RequestPostProcessor liaison;
    CaseFixture f;
    String vetter;

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        recipient = "nb-" + run;
        liaison = account(jdbc, "lr-liaison", Role.LIAISON_OFFICER);
        f = new CaseFixture(jdbc, access, personnel, alerts, profiles);
        vetter = f.vettingOfficer(f.user("lr-vetter"), f.officer("lrv", "Drita", "Ilir", "Kola"));
        jdbc.sql("update app_user set clearance = null where username in ('lr-liaison', ?)").param(vetter).update();
    }

    void partner(String id, String agency) {
        TestPartners.register(registry, keys, agency, "RO", new Agreement(id, EnumSet.of(Category.VETTING_LEAD), "Integrity MoU", HandlingCode.H3, false));
    }

    /** A lead imported here (a vetting officer's CSV import). */
    void local(String reference, String originator, int handling, String value, String attribution) {
        access.system(s -> store.insert(new Lead(0, reference, originator, "Law 12/2024 art. 9", handling, null, Lead.Kind.ACCOUNT, value, value,
                attribution, null, null, null), "lr-importer"));
    }

    /** A lead received from partner {@code from} (as Received stores it: the partner's agency as originator). */
    void received(String from, String agency, String reference, String value) {
        release.receive(from, agency, UUID.randomUUID().toString(), "Integrity MoU",
                List.of(new IncomingLead(reference, "Integrity MoU", 1, null, "ACCOUNT", value, "seen with the handset")));
    }

    String schedule() throws Exception {
        return call(post("/api/exchange/sharing/schedules"), liaison, """
                {"partner":"%s","category":"VETTING_LEAD","time":"07:00","days":[],"ceiling":"H3","active":true}""".formatted(recipient), 201)
                .get("id").asString();
    }

    SharingPackage build(String schedule, int days) {
        sharing.runDue(Instant.now().plus(Duration.ofDays(days)));
        return sharing.history(500).stream().filter(p -> p.schedule().toString().equals(schedule)).findFirst().orElseThrow();
    }

    String draft(SharingPackage p) {
        return jdbc.sql("select payload::text from exchange_draft where id = ?").param(p.draft()).query(String.class).single();
    }

    JsonNode call(MockHttpServletRequestBuilder r, RequestPostProcessor who, String body, int status) throws Exception {
        String out = mvc.perform(r.with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body == null ? "" : body))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return out.isEmpty() ? null : JSON.readTree(out);
    }

    RequestPostProcessor asVetter() {
        return user(vetter, Role.VETTING_OFFICER.name());
    }

    List<AuditEvent> audit() {
        return jdbc.sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
    }

    @Test
    void onwardRulesDecideByPartnerIdNeverByAgencyName() throws Exception {
        // The recipient carries Europol's name (as if a liaison officer had renamed it); another partner carries our own.
        partner(recipient, "Europol " + run);
        partner("eu-" + run, "Europol HQ " + run);
        partner("spoof-" + run, "ASP");
        partner("it-" + run, "Polizia " + run);
        admin.approve("lr-setup-2", admin.requestPermission("lr-setup-1", "it-" + run, recipient, null, "DCSA letter " + run, "127.0.0.1").id(),
                "letter checked", "127.0.0.1");
        String schedule = schedule();
        received("eu-" + run, "Europol " + run, "EU-" + run, "eu" + run);            // Europol's, named like the recipient: stays
        received("spoof-" + run, "ASP", "SPOOF-" + run, "spoof" + run);             // from a partner that calls itself ASP: not ours
        received("it-" + run, "Polizia " + run, "IT-" + run, "it" + run);          // permitted by its sender for the recipient
        received(recipient, "Europol " + run, "BACK-" + run, "back" + run);         // the recipient's own lead: goes back to it
        local("OWN-" + run, "ASP", 1, "own" + run, "issued phone");                 // ours: imported here, our agency
        local("LOC-" + run, "Europol " + run, 1, "loc" + run, "typed in here");     // imported here, another agency: no partner to permit it

        SharingPackage p = build(schedule, 1);
        assertThat(p.status()).isEqualTo("PENDING_APPROVAL");
        assertThat(draft(p)).contains("IT-" + run, "BACK-" + run, "OWN-" + run).doesNotContain("EU-" + run, "SPOOF-" + run, "LOC-" + run);

        // Exchange.send's own check, whoever builds the payload: Europol's lead to the "Europol"-named recipient is refused.
        var euLead = LeadWire.entity(new LeadWire.Lead("EU-" + run, "Europol " + run, "Integrity MoU", HandlingCode.H1, null, "ACCOUNT", "eu" + run,
                "seen with the handset"));
        assertThat(onward.violation(recipient, new Payload("", List.of(euLead)))).get().asString().contains("received from eu-" + run);
        assertThat(onward.violation("eu-" + run, new Payload("", List.of(euLead)))).isEmpty();

        // A partner's agency is neither ours nor another partner's.
        var form = new PartnerAdmin.PartnerForm(recipient, "asp", "RO", "https://127.0.0.1:9", "");
        assertThatThrownBy(() -> admin.update("lr-admin", recipient, form, "rename", "127.0.0.1"))
                .isInstanceOfSatisfying(PartnerAdmin.Refused.class, e -> assertThat(e.field()).isEqualTo("agency"));
        var taken = new PartnerAdmin.PartnerForm(recipient, "Polizia " + run, "RO", "https://127.0.0.1:9", "");
        assertThatThrownBy(() -> admin.update("lr-admin", recipient, taken, "rename", "127.0.0.1"))
                .isInstanceOfSatisfying(PartnerAdmin.Refused.class, e -> assertThat(e.getMessage()).contains("it-" + run));
        var own = new PartnerAdmin.PartnerForm("new-" + run, "ASP", "RO", "https://127.0.0.1:9", "");
        assertThatThrownBy(() -> admin.create("lr-admin", own, "new partner", "127.0.0.1")).isInstanceOf(PartnerAdmin.Refused.class);
    }

    @Test
    void aLeadThatCannotTravelIsSkippedAndCountedAndTheRestIsReleased() throws Exception {
        partner(recipient, "Agency " + run);
        String schedule = schedule();
        local("GOOD-" + run, "ASP", 1, "good" + run, "issued phone");
        local("BAD-" + run, "ASP", 1, "bad" + run, "x".repeat(1200)); // longer than a lead field may travel

        SharingPackage p = build(schedule, 1);
        assertThat(draft(p)).contains("GOOD-" + run).doesNotContain("BAD-" + run);
        assertThat(audit()).anyMatch(e -> e.outcome() == AuditOutcome.DENIED && e.recipient().equals(recipient)
                && e.target().contains("vetting leads skipped") && e.justification().contains("1 to 1000 characters"));
        JsonNode pending = call(get("/api/vetting/releases"), asVetter(), null, 200);
        JsonNode mine = null;
        for (JsonNode lp : pending) if (lp.get("pkg").get("id").asString().equals(p.id().toString())) mine = lp;
        assertThat(mine).isNotNull();
        assertThat(mine.get("skipped").asInt()).isEqualTo(1);
        assertThat(mvc.perform(get("/vetting/releases").param("lang", "en").with(asVetter())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("1 lead(s) left out");

        call(post("/api/vetting/releases/" + p.id() + "/approve"), asVetter(), "{\"reason\":\"MoU\"}", 200);
        assertThat(sharing.pkg(p.id()).orElseThrow().status()).isEqualTo("SENT");
    }

    @Test
    void aLeadChangedSinceTheBuildStopsTheApprovalUntilRebuilt() throws Exception {
        partner(recipient, "Agency " + run);
        String schedule = schedule();
        local("CHG-" + run, "ASP", 1, "chg" + run, "issued phone");
        SharingPackage p = build(schedule, 1);
        assertThat(draft(p)).contains("CHG-" + run);
        access.system(s -> jdbc.sql("update lead set handling = 2 where reference = ?").param("CHG-" + run).update());

        JsonNode refused = call(post("/api/vetting/releases/" + p.id() + "/approve"), asVetter(), "{}", 409);
        assertThat(refused.get("detail").asString()).contains("rebuild needed", "CHG-" + run, "handling H1 → H2");
        assertThat(sharing.pkg(p.id()).orElseThrow().status()).isEqualTo("PENDING_APPROVAL");

        call(post("/api/vetting/releases/" + p.id() + "/refuse"), asVetter(), "{\"reason\":\"stale\"}", 200);
        SharingPackage again = build(schedule, 2);
        assertThat(again.id()).isNotEqualTo(p.id());
        JsonNode lead = null;
        for (JsonNode e : JSON.readTree(draft(again)).get("entities")) if (e.toString().contains("CHG-" + run)) lead = e;
        assertThat(lead).as("the changed lead comes again, as stored now").isNotNull();
        assertThat(lead.get("statements").get(0).get("handling").asString()).isEqualTo("H2");
    }

    @Test
    void aLeadTheApproverMayNotReadGetsTheNeutralRefusalAndLiaisonHistoryShowsNoLeadPackageIds() throws Exception {
        partner(recipient, "Agency " + run);
        String schedule = schedule();
        local("GONE-" + run, "ASP", 1, "gone" + run, "issued phone");
        SharingPackage p = build(schedule, 1);
        access.system(s -> jdbc.sql("update lead set value = value || 'x' where reference = ?").param("GONE-" + run).update());

        JsonNode refused = call(post("/api/vetting/releases/" + p.id() + "/approve"), asVetter(), "{}", 403);
        assertThat(refused.get("detail").asString()).isEqualTo("you may not decide this lead package: another vetting officer decides it");

        JsonNode history = call(get("/api/exchange/sharing/packages").param("limit", "500"), liaison, null, 200);
        JsonNode row = null;
        for (JsonNode h : history) if (h.get("schedule").asString().equals(schedule)) row = h;
        assertThat(row).isNotNull();
        assertThat(row.get("id").isNull()).isTrue();
        assertThat(row.get("draft").isNull()).isTrue();
        assertThat(row.get("entities").asInt()).isEqualTo(1);
        assertThat(history.toString()).doesNotContain(p.id().toString());
        call(get("/api/exchange/sharing/packages/" + p.id()), liaison, null, 404);
    }

    @Test
    void aSuspendedVettingOfficerGetsTheVettingGatesRefusalOnTheReleasePages() throws Exception {
        String officer = f.officer("lrs", "Besnik", "Agim", "Hoxha");
        String suspended = f.vettingOfficer(f.user("lr-suspended"), officer);
        long alert = f.alert(officer);
        // Suspension follows a human act: the alert taken up by a colleague (a NEW alert alone suspends no one).
        String colleague = f.vettingOfficer(f.user("lr-colleague"), f.officer("lrc", "Arben", "Ilir", "Dervishi"));
        f.system(() -> jdbc.sql("update vetting_alert set status = 'ASSIGNED', assignee = ? where id = ?").params(colleague, alert).update());
        RequestPostProcessor as = user(suspended, Role.VETTING_OFFICER.name());
        long from = jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();

        JsonNode api = call(get("/api/vetting/releases"), as, null, 403);
        assertThat(api.get("type").asString()).isEqualTo("urn:besa:problem:vetting-access-suspended");
        call(post("/api/vetting/releases/" + UUID.randomUUID() + "/approve"), as, "{}", 403);
        String page = mvc.perform(get("/vetting/releases").param("lang", "en").with(as)).andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Your vetting access is suspended");
        List<AuditEvent> since = jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
        assertThat(since).filteredOn(e -> e.actor().equals(suspended) && e.action() == AuditAction.SECURITY_ALERT).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(e -> assertThat(e.target()).isEqualTo(VettingAccess.SUSPENDED_TARGET));
    }

    @Test
    void aFileBesideLeadsInAStoredMessageKeepsTheLeadsHandlingCode() throws Exception {
        // A message from before leads had to travel alone: an H3 lead beside a file. The liaison view leaves the lead
        // out; the file's handling code must still be the whole message's (H3), not the view's (H0).
        partner(recipient, "Agency " + run);
        RequestPostProcessor lowLiaison = account(jdbc, "lr-liaison-h1", Role.LIAISON_OFFICER);
        jdbc.sql("update app_user set clearance = 1 where username = 'lr-liaison-h1'").update();
        var lead = LeadWire.entity(new LeadWire.Lead("H3-" + run, "Agency " + run, "Integrity MoU", HandlingCode.H3, null, "ACCOUNT", "h3" + run,
                "seen with the handset"));
        var file = new besa.exchange.envelope.SharedAttachment(UUID.randomUUID(), "dossier.pdf", "application/pdf", 10, "a".repeat(64),
                "b".repeat(64), null);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        var m = new besa.exchange.envelope.Message(id, recipient, "asp-leadrules", besa.exchange.envelope.MessageKind.INFORMATION, UUID.randomUUID(),
                besa.exchange.envelope.Priority.ROUTINE, null, now, now.plus(Duration.ofDays(1)), "n-" + run, "Integrity MoU", false,
                new Payload("", List.of(lead), List.of(file)));
        jdbc.sql("""
                insert into exchange_inbox (message_id, partner_id, kind, thread_id, priority, sent_at, received_at, message, jwe_sha256, receipt)
                values (?, ?, 'INFORMATION', ?, 'ROUTINE', now(), now(), ?::jsonb, ?, '')""")
                .params(id, recipient, m.thread(), JSON.writeValueAsString(m), "sha-" + run).update();

        JsonNode refused = call(get("/api/exchange/messages/" + id + "/attachments/" + file.id()), lowLiaison, null, 403);
        assertThat(refused.get("detail").asString()).contains("the file is H3");
    }
}
