package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.UserAccounts;
import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.exchange.messages.Received;
import besa.exchange.messages.Threads;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerAdmin;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.sharing.DailySharing;
import besa.exchange.sharing.SharingPackage;
import besa.vetting.VettingAccess;
import besa.vetting.release.IncomingLead;
import besa.vetting.release.LeadRelease;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vetting leads between two real nodes ({@link TwoNodesTest}'s fixture): node A's vetting unit imports leads, a
 * liaison officer schedules VETTING_LEAD for B, the package is built with only the lead fields, liaison officers and
 * an under-cleared vetting officer cannot release it, a vetting officer who does not own the schedule does; B stores
 * the leads in its lead table (not as intelligence), once, and audits the collection naming A (ADR 0006).
 */
class LeadsBetweenNodesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodesTest.Node a;
    static TwoNodesTest.Node b;

    @BeforeAll
    static void startNodes() throws IOException {
        TwoNodesTest.root = Files.createTempDirectory("besa-leads");
        TwoNodesTest.root.toFile().setExecutable(true, false);
        TwoNodesTest.pg = besa.platform.db.EmbeddedPostgres.start(TwoNodesTest.root.resolve("postgres"), false);
        a = new TwoNodesTest.Node("node-a");
        b = new TwoNodesTest.Node("node-b");
        a.trust(b, b.port(), HandlingCode.H3);
        b.trust(a, a.port(), HandlingCode.H3);
        a.bean(PartnerRegistry.class).saveAgreement(new Agreement("node-b", EnumSet.of(Category.VETTING_LEAD), "Integrity MoU 2025/2", HandlingCode.H2, false));
        b.bean(PartnerRegistry.class).saveAgreement(new Agreement("node-a", EnumSet.of(Category.VETTING_LEAD), "Integrity MoU 2025/2", HandlingCode.H2, false));
        // Two third parties known to A: Europol recorded no permission for B; the Italian police did.
        a.bean(PartnerRegistry.class).save(new Partner("europol-hq", "Europol", "NL", "https://127.0.0.1:9", "", true));
        a.bean(PartnerRegistry.class).save(new Partner("it-dcsa", "Polizia di Stato (IT)", "IT", "https://127.0.0.1:9", "", true));
        var admin = a.bean(PartnerAdmin.class); // a permission widens onward transfer: asked by one officer, approved by another
        admin.approve("setup-2", admin.requestPermission("setup-1", "it-dcsa", "node-b", null, "DCSA letter 2025/44", "127.0.0.1").id(),
                "letter checked", "127.0.0.1");
    }

    @AfterAll
    static void stopNodes() {
        if (a != null && a.ctx != null) a.ctx.close();
        if (b != null && b.ctx != null) b.ctx.close();
        if (TwoNodesTest.pg != null) TwoNodesTest.pg.close();
    }

    @Test
    void leadsAreReleasedByTheVettingUnitAndArriveAsLeadsOnce() throws Exception {
        String owner = token("lead-owner", Role.LIAISON_OFFICER);
        String liaison = token("lead-liaison", Role.LIAISON_OFFICER);
        String vetter = token("lead-vetter", Role.VETTING_OFFICER);
        String lowVetter = token("lead-vetter-h1", Role.VETTING_OFFICER);
        a.jdbc().sql("update app_user set clearance = 1 where username = 'lead-vetter-h1'").update();

        HttpResponse<String> created = a.post(owner, "/api/exchange/sharing/schedules", """
                {"partner":"node-b","category":"VETTING_LEAD","time":"06:30","days":[],"ceiling":"H2","active":true}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String schedule = JSON.readTree(created.body()).get("id").asString();

        HttpResponse<String> imported = TwoNodesTest.Node.call(vetter, HttpRequest.newBuilder(a.uri("/api/vetting/leads/import")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        reference,originator,legal_basis,handling,platform,kind,value,attribution,entity_id
                        ASP-L-1,Agency node-a,Law 12/2024 art. 9,H2,Sky ECC,PHONE,+355 69 123 4567,co-located with the issued phone,E-SECRET-1
                        ASP-L-2,Agency node-a,Law 12/2024 art. 9,H1,EncroChat,IMEI,35 209900 176148 1,handset seized,
                        ASP-L-3,Agency node-a,Law 12/2024 art. 9,H3,ANOM,ACCOUNT,topsecret9,above the ceiling,
                        EU-ENC-2023-0031,Europol,Europol Regulation art. 18,H1,EncroChat,ACCOUNT,rapidfalcon,handle saved with the rank,
                        """)));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(JSON.readTree(imported.body()).get("added").asInt()).isEqualTo(4);
        // The Italian lead came from it-dcsa through the exchange: who sent it (its partner id), not its name, decides where it may go.
        a.bean(LeadRelease.class).receive("it-dcsa", "Polizia di Stato (IT)", UUID.randomUUID().toString(), "AL-IT agreement art. 7",
                List.of(new IncomingLead("IT-DCSA-2024-12", "AL-IT agreement art. 7", 1, "anom", "NAME", "Arben Hoxha", "name given by a co-defendant")));

        DailySharing sharing = a.bean(DailySharing.class);
        sharing.runDue(Instant.now().plus(Duration.ofDays(1)));
        SharingPackage built = sharing.history(10).stream().filter(p -> p.schedule().toString().equals(schedule)).findFirst().orElseThrow();
        assertThat(built.status()).isEqualTo("PENDING_APPROVAL");
        assertThat(built.entities()).as("two own leads within H2 and the permitted Italian one; not H3, not Europol's (imported here: no partner to permit it)").isEqualTo(3);
        String draft = a.jdbc().sql("select payload::text from exchange_draft where id = ?").param(built.draft()).query(String.class).single();
        assertThat(draft).contains("ASP-L-1", "+355691234567", "IT-DCSA-2024-12", "VETTING_LEAD")
                .doesNotContain("E-SECRET-1", "lead-vetter", "topsecret9", "rapidfalcon", "entity_id", "entityId", "importedBy");

        // Liaison officers neither see nor release it; the owner neither; a vetting officer cleared only to H1 neither.
        assertThat(JSON.readTree(a.get(liaison, "/api/exchange/sharing/approvals").body()).size()).isZero();
        HttpResponse<String> byLiaison = a.post(liaison, "/api/exchange/sharing/packages/" + built.id() + "/approve", "{}");
        assertThat(byLiaison.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(byLiaison.body()).get("detail").asString()).contains("vetting unit");
        assertThat(a.post(owner, "/api/exchange/sharing/packages/" + built.id() + "/approve", "{}").statusCode()).isEqualTo(403);
        assertThat(a.get(liaison, "/api/vetting/releases").statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(a.get(lowVetter, "/api/vetting/releases").body()).size()).isZero();
        assertThat(a.post(lowVetter, "/api/vetting/releases/" + built.id() + "/approve", "{}").statusCode()).isEqualTo(403);
        assertThat(a.audit()).anyMatch(e -> e.action() == AuditAction.DECISION && e.outcome() == AuditOutcome.DENIED
                && e.actor().equals("lead-liaison") && e.recipient().equals("node-b"));

        // The vetting officer sees exactly what would leave, and releases it.
        JsonNode pending = JSON.readTree(a.get(vetter, "/api/vetting/releases").body());
        assertThat(pending.size()).isEqualTo(1);
        JsonNode leads = pending.get(0).get("leads");
        assertThat(leads.size()).isEqualTo(3);
        JsonNode phone = find(leads, "ASP-L-1");
        assertThat(phone.get("originator").asString()).isEqualTo("Agency node-a");
        assertThat(phone.get("legalBasis").asString()).isEqualTo("Law 12/2024 art. 9");
        assertThat(phone.get("handling").asString()).isEqualTo("H2");
        assertThat(phone.get("platform").asString()).isEqualTo("SKY_ECC");
        assertThat(phone.get("kind").asString()).isEqualTo("PHONE");
        assertThat(phone.get("value").asString()).isEqualTo("+355691234567");
        assertThat(phone.get("attribution").asString()).isEqualTo("co-located with the issued phone");

        HttpResponse<String> approved = a.post(vetter, "/api/vetting/releases/" + built.id() + "/approve", "{\"reason\":\"MoU 2025/2 liaison request\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        UUID message = UUID.fromString(JSON.readTree(approved.body()).get("messageId").asString());
        TwoNodesTest.await("lead package receipted", () -> "RECEIPTED".equals(sharing.pkg(built.id()).orElseThrow().status()));
        assertThat(a.audit().stream().filter(e -> e.action() == AuditAction.DISCLOSURE && e.outcome() == AuditOutcome.SUCCESS
                && e.recipient().equals("node-b") && e.actor().equals("lead-vetter") && e.target().contains(message.toString())).count()).isEqualTo(1);

        // B: leads in its lead table, with A's agency as originator, references and handling codes kept, values clean.
        b.bean(Received.class).storePending();
        List<Map<String, Object>> onB = leadsOnB();
        assertThat(onB).hasSize(3);
        Map<String, Object> l1 = onB.stream().filter(r -> r.get("reference").equals("ASP-L-1")).findFirst().orElseThrow();
        assertThat(l1).containsEntry("originator", "Agency node-a").containsEntry("legal_basis", "Law 12/2024 art. 9")
                .containsEntry("platform", "SKY_ECC").containsEntry("kind", "PHONE")
                .containsEntry("value", "+355691234567").containsEntry("attribution", "co-located with the issued phone")
                .containsEntry("imported_by", "exchange:node-a");
        assertThat(((Number) l1.get("handling")).intValue()).isEqualTo(2);
        assertThat(l1.get("entity_id")).isNull();
        Map<String, Object> l2 = onB.stream().filter(r -> r.get("reference").equals("ASP-L-2")).findFirst().orElseThrow();
        assertThat(((Number) l2.get("handling")).intValue()).isEqualTo(1);
        assertThat(l2).containsEntry("kind", "IMEI").containsEntry("value", "352099001761481");
        // Not intelligence: no statement or entity on B from this message, and the message view hides the leads.
        assertThat(b.jdbc().sql("select count(*) from statement where record_key = ?").param(message.toString()).query(Long.class).single()).isZero();
        assertThat(b.jdbc().sql("select count(*) from entity where id like 'node-a:lead-%'").query(Long.class).single()).isZero();
        assertThat(b.bean(Threads.class).message(message).orElseThrow().message().payload().entities()).isEmpty();
        assertThat(b.audit()).anyMatch(e -> e.action() == AuditAction.COLLECTION && e.outcome() == AuditOutcome.SUCCESS
                && e.recipient().equals("node-a") && e.target().contains("vetting leads from node-a") && e.target().contains("added=3"));

        // Delivered again (outbox retried, the stored message stored again): nothing new.
        a.bean(Outbox.class).retryAllNow();
        assertThat(b.inboxCount(message)).isEqualTo(1);
        b.jdbc().sql("update exchange_inbox set stored_at = null where message_id = ?").param(message).update();
        b.bean(Received.class).storePending();
        assertThat(leadsOnB()).hasSize(3);
        assertThat(b.audit()).anyMatch(e -> e.action() == AuditAction.COLLECTION && e.target().contains("added=0 duplicates=3"));
    }

    static List<Map<String, Object>> leadsOnB() {
        return b.bean(VettingAccess.class).system(s -> b.jdbc().sql("select * from lead order by id").query().listOfRows());
    }

    static JsonNode find(JsonNode leads, String reference) {
        for (JsonNode l : leads) if (l.get("reference").asString().equals(reference)) return l;
        throw new AssertionError("no lead " + reference + " in " + leads);
    }

    static String token(String username, Role role) {
        String t = besa.access.TestTokens.accountWithToken(a.bean(UserAccounts.class), a.bean(ApiTokens.class), username, role);
        a.jdbc().sql("update app_user set clearance = null where username = ?").param(username).update();
        return t;
    }

}
