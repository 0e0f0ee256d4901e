package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.exchange.messages.Received;
import besa.exchange.partner.HandlingCode;
import besa.exchange.sharing.DailySharing;
import besa.exchange.sharing.SharingPackage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Daily sharing between two real nodes, with {@link TwoNodesTest}'s fixture (two contexts, two
 * databases on one embedded PostgreSQL, mutual TLS on loopback): node A's schedule builds a package of
 * cyber indicators for node B, a second liaison officer of A approves it through the API, it is
 * delivered once and the package ends RECEIPTED with B's signed receipt verified; A audits the
 * disclosure to B, B the collection. The run is triggered with {@link DailySharing#runDue}.
 */
class SharingBetweenNodesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodesTest.Node a;
    static TwoNodesTest.Node b;

    @BeforeAll
    static void startNodes() throws IOException {
        TwoNodesTest.root = Files.createTempDirectory("besa-sharing");
        TwoNodesTest.root.toFile().setExecutable(true, false);
        TwoNodesTest.pg = besa.platform.db.EmbeddedPostgres.start(TwoNodesTest.root.resolve("postgres"), false);
        a = new TwoNodesTest.Node("node-a");
        b = new TwoNodesTest.Node("node-b");
        a.trust(b, b.port(), HandlingCode.H3);
        b.trust(a, a.port(), HandlingCode.H2);
    }

    @AfterAll
    static void stopNodes() {
        if (a != null && a.ctx != null) a.ctx.close();
        if (b != null && b.ctx != null) b.ctx.close();
        if (TwoNodesTest.pg != null) TwoNodesTest.pg.close();
    }

    @Test
    void aPackageIsBuiltApprovedDeliveredOnceAndReceipted() {
        String owner = TestTokens.accountWithToken(a.bean(UserAccounts.class), a.bean(ApiTokens.class), "sched-owner", Role.LIAISON_OFFICER);
        String approver = TestTokens.accountWithToken(a.bean(UserAccounts.class), a.bean(ApiTokens.class), "sched-approver", Role.LIAISON_OFFICER);
        a.jdbc().sql("update app_user set clearance = null where username in ('sched-owner', 'sched-approver')").update();
        a.jdbc().sql("insert into source (id, title, originator, legal_basis) values ('cert-feed', 'CERT feed', 'CERT-AL', 'Law 2/2017')").update();

        HttpResponse<String> created = a.post(owner, "/api/exchange/sharing/schedules", """
                {"partner":"node-b","category":"CYBER_INDICATOR","source":"cert-feed","time":"06:30","days":[],"ceiling":"H2","active":true}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String schedule = JSON.readTree(created.body()).get("id").asString();

        statement("ind-1", "Indicator", "pattern", "[domain-name:value = 'phish.example']", 1);
        statement("ind-1", "Indicator", "description", "from an informant in the operation", 3); // above the ceiling: stays home
        statement("obs-1", "Observable", "value", "phish.example", 2);
        DailySharing sharing = a.bean(DailySharing.class);
        sharing.runDue(Instant.now().plus(Duration.ofDays(1)));
        SharingPackage built = sharing.history(10).stream().filter(p -> p.schedule().toString().equals(schedule)).findFirst().orElseThrow();
        assertThat(built.status()).isEqualTo("PENDING_APPROVAL");
        assertThat(built.entities()).isEqualTo(2);
        assertThat(built.statements()).isEqualTo(2);

        // The owner of the schedule may not approve; another liaison officer does.
        assertThat(a.post(owner, "/api/exchange/sharing/packages/" + built.id() + "/approve", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> approved = a.post(approver, "/api/exchange/sharing/packages/" + built.id() + "/approve", "{\"reason\":\"routine feed\"}");
        assertThat(approved.statusCode()).isEqualTo(200);
        UUID message = UUID.fromString(JSON.readTree(approved.body()).get("messageId").asString());

        TwoNodesTest.await("package receipted", () -> "RECEIPTED".equals(sharing.pkg(built.id()).orElseThrow().status()));
        SharingPackage done = sharing.pkg(built.id()).orElseThrow();
        assertThat(done.receipt()).isEqualTo("VERIFIED");
        assertThat(done.receivedAt()).isNotNull();
        assertThat(done.receiptedAt()).isNotNull();
        assertThat(done.decidedBy()).isEqualTo("sched-approver");
        JsonNode listed = JSON.readTree(a.get(owner, "/api/exchange/sharing/packages/" + built.id()).body());
        assertThat(listed.get("status").asString()).isEqualTo("RECEIPTED");

        // Delivered once, even when the outbox is told to retry everything.
        a.bean(Outbox.class).retryAllNow();
        assertThat(b.inboxCount(message)).isEqualTo(1);
        String received = b.jdbc().sql("select message::text from exchange_inbox where message_id = ?").param(message).query(String.class).single();
        assertThat(received).contains("phish.example", "CYBER_INDICATOR", "INFORMATION").doesNotContain("informant");
        b.bean(Received.class).storePending();
        assertThat(b.jdbc().sql("select count(*) from statement where source_id = 'exchange:node-a' and value like '%phish.example%'")
                .query(Long.class).single()).isEqualTo(2);

        // Audit: A built it (DISCLOSURE held for approval), the approver's DECISION and the DISCLOSURE to B; B the COLLECTION from A.
        assertThat(a.audit()).anyMatch(e -> e.action() == AuditAction.DISCLOSURE && e.outcome() == AuditOutcome.SUCCESS
                && e.recipient().equals("node-b") && e.target().contains("sharing package " + built.id() + " built"));
        assertThat(a.audit()).anyMatch(e -> e.action() == AuditAction.DECISION && e.outcome() == AuditOutcome.SUCCESS
                && e.actor().equals("sched-approver") && e.recipient().equals("node-b"));
        assertThat(a.audit().stream().filter(e -> e.action() == AuditAction.DISCLOSURE && e.outcome() == AuditOutcome.SUCCESS
                && e.recipient().equals("node-b") && e.actor().equals("sched-approver") && e.target().contains(message.toString())).count()).isEqualTo(1);
        assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.SUCCESS, "exchange message " + message, "")).isEqualTo(1);
    }

    static void statement(String entity, String type, String prop, String value, int handling) {
        a.jdbc().sql("insert into entity (id, type, caption) values (?, ?, ?) on conflict do nothing").params(entity, type, value).update();
        a.jdbc().sql("""
                insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade, handling)
                values (?, ?, ?, ?, 'cert-feed', 'CERT-AL', 'Law 2/2017', 'B', 2, ?)""")
                .params(entity, prop, value, value, handling).update();
    }

}
