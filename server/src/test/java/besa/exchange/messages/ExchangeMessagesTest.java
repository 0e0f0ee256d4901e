package besa.exchange.messages;

import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import besa.exchange.transport.Inbox;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages for people on one node with the exchange enabled: the composer builds statements from
 * the store in the sender's scope, the preview shows what leaves and what stays, H2/H3 and bulk
 * sends wait for a second officer, and what partners send becomes their statements, protected
 * locally and forwarded only with their permission. Delivery itself is TwoNodesTest's; here the
 * outbox row is the proof that a message left (the partners' addresses lead nowhere).
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-test", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.bulk-threshold=3",
        "besa.exchange.store-received=1h"})
@AutoConfigureMockMvc
class ExchangeMessagesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-messages-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired NodeIdentity me;
    @Autowired Inbox inbox;
    @Autowired Received received;
    @Autowired IntelStore store;

    NodeIdentity tnp;
    RequestPostProcessor officer1;
    RequestPostProcessor officer2;

    @BeforeEach
    void partnersAndData() {
        tnp = partner("tnp-ankara", HandlingCode.H3);
        partner("bka-wiesbaden", HandlingCode.H2);
        officer1 = account(jdbc, "liaison-one", Role.LIAISON_OFFICER);
        officer2 = account(jdbc, "liaison-two", Role.LIAISON_OFFICER);
        jdbc.sql("update app_user set clearance = null where username in ('liaison-one', 'liaison-two')").update();
        jdbc.sql("insert into source (id, title, originator, legal_basis) values ('msg-src', 'Case 17', 'ASP', 'Law 108/2014') on conflict do nothing").update();
        entity("msg-p1", "Person", "name", "Arben Krasniqi", 1);
        entity("msg-p1", "Person", "alias", "Beni", 3);
        entity("msg-org", "Organization", "name", "Grupi X", 0);
        for (int i = 1; i <= 4; i++) entity("msg-b" + i, "Person", "name", "Person " + i, 0);
    }

    NodeIdentity partner(String id, HandlingCode max) {
        NodeIdentity them = TestPartners.register(registry, keys, "Agency " + id, "TR", new Agreement(id, EnumSet.of(Category.PERSON), "Agreement 2024/7 art. 5", max, false));
        return them;
    }

    void entity(String id, String type, String prop, String value, int handling) {
        jdbc.sql("insert into entity (id, type, caption) values (?, ?, ?) on conflict do nothing").params(id, type, value).update();
        jdbc.sql("""
                insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade, handling)
                values (?, ?, ?, ?, 'msg-src', 'ASP', 'Law 108/2014', 'B', 2, ?) on conflict do nothing""")
                .params(id, prop, value, value, handling).update();
    }

    static String body(String partner, String... entities) {
        return JSON.writeValueAsString(new Compose(partner, MessageKind.INFORMATION, null, Priority.HIGH, "for your information", List.of(entities)));
    }

    JsonNode call(RequestPostProcessor who, String url, String body, int status) throws Exception {
        String out = mvc.perform(post(url).with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return JSON.readTree(out);
    }

    String outbox(String messageId) {
        return jdbc.sql("select message::text from exchange_outbox where message_id = ?::uuid").param(messageId).query(String.class).optional().orElse(null);
    }

    List<AuditEvent> audit() {
        return jdbc.sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
    }

    @Test
    void previewShowsWhatLeavesAndWhatTheAgreementWithholdsAndQueuesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from exchange_outbox").query(Long.class).single();
        JsonNode p = call(officer1, "/api/exchange/messages/preview", body("bka-wiesbaden", "msg-p1", "msg-org", "no-such-entity"), 200);
        JsonNode e = p.at("/payload/entities");
        assertThat(e.size()).isEqualTo(1);
        assertThat(e.get(0).get("id").asString()).isEqualTo("msg-p1");
        assertThat(e.get(0).at("/statements").size()).isEqualTo(1);
        assertThat(e.get(0).at("/statements/0/value").asString()).isEqualTo("Arben Krasniqi");
        assertThat(e.get(0).at("/statements/0/handling").asString()).isEqualTo("H1");
        assertThat(e.get(0).at("/statements/0/evaluation").asString()).isEqualTo("B2");
        String withheld = p.get("withheld").toString();
        assertThat(withheld).contains("Beni", "above the agreement's maximum H2", "msg-org", "does not cover ORGANISATION", "no-such-entity", "not found");
        assertThat(p.get("approval").size()).isZero();
        assertThat(jdbc.sql("select count(*) from exchange_outbox").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void h1MaterialIsSentAtOnceAndOnlyWhatThePreviewShowedLeaves() throws Exception {
        JsonNode d = call(officer1, "/api/exchange/messages", body("bka-wiesbaden", "msg-p1"), 201);
        assertThat(d.get("status").asString()).isEqualTo("SENT");
        String sent = outbox(d.get("messageId").asString());
        assertThat(sent).contains("Arben Krasniqi").doesNotContain("Beni");
        assertThat(audit()).anyMatch(a -> a.action() == besa.audit.AuditAction.DISCLOSURE && a.outcome() == besa.audit.AuditOutcome.SUCCESS
                && a.recipient().equals("bka-wiesbaden") && a.target().contains(d.get("messageId").asString()));
    }

    @Test
    void h3MaterialWaitsForASecondOfficerNeverTheComposer() throws Exception {
        JsonNode d = call(officer1, "/api/exchange/messages", body("tnp-ankara", "msg-p1"), 201);
        assertThat(d.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(d.get("needs").asString()).contains("H2/H3");
        assertThat(d.get("messageId").isNull()).isTrue();
        String id = d.get("id").asString();
        JsonNode own = call(officer1, "/api/exchange/approvals/" + id + "/approve", "{}", 403);
        assertThat(own.get("detail").asString()).contains("second liaison officer");
        mvc.perform(get("/api/exchange/approvals").with(officer1)).andExpect(jsonPath("$[?(@.id == '" + id + "')]").isEmpty());
        mvc.perform(get("/api/exchange/approvals").with(officer2)).andExpect(jsonPath("$[?(@.id == '" + id + "')]").isNotEmpty());
        JsonNode ok = call(officer2, "/api/exchange/approvals/" + id + "/approve", "{\"reason\":\"checked\"}", 200);
        assertThat(ok.get("status").asString()).isEqualTo("SENT");
        assertThat(ok.get("decidedBy").asString()).isEqualTo("liaison-two");
        assertThat(outbox(ok.get("messageId").asString())).contains("Beni", "\"handling\": \"H3\"");
        call(officer2, "/api/exchange/approvals/" + id + "/approve", "{}", 409);
        assertThat(audit()).anyMatch(a -> a.action() == besa.audit.AuditAction.DECISION && a.outcome() == besa.audit.AuditOutcome.DENIED
                && a.actor().equals("liaison-one") && a.target().contains(id));
    }

    @Test
    void aRejectionNeedsAReasonAndNothingLeaves() throws Exception {
        JsonNode d = call(officer1, "/api/exchange/messages", body("tnp-ankara", "msg-p1"), 201);
        String id = d.get("id").asString();
        assertThat(call(officer2, "/api/exchange/approvals/" + id + "/reject", "{}", 400).get("field").asString()).isEqualTo("reason");
        JsonNode r = call(officer2, "/api/exchange/approvals/" + id + "/reject", "{\"reason\":\"not needed by them\"}", 200);
        assertThat(r.get("status").asString()).isEqualTo("REJECTED");
        assertThat(r.get("messageId").isNull()).isTrue();
    }

    @Test
    void bulkSendsWaitForApproval() throws Exception {
        JsonNode d = call(officer1, "/api/exchange/messages", body("bka-wiesbaden", "msg-b1", "msg-b2", "msg-b3", "msg-b4"), 201);
        assertThat(d.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(d.get("needs").asString()).contains("bulk: 4 entities");
        JsonNode small = call(officer1, "/api/exchange/messages", body("bka-wiesbaden", "msg-b1", "msg-b2", "msg-b3"), 201);
        assertThat(small.get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aStatementAboveTheSendersClearanceNeverLeaves() throws Exception {
        RequestPostProcessor low = account(jdbc, "liaison-low", Role.LIAISON_OFFICER);
        jdbc.sql("update app_user set clearance = 1 where username = 'liaison-low'").update();
        JsonNode p = call(low, "/api/exchange/messages/preview", body("tnp-ankara", "msg-p1"), 200);
        assertThat(p.toString()).doesNotContain("Beni");
        JsonNode d = call(low, "/api/exchange/messages", body("tnp-ankara", "msg-p1"), 201);
        assertThat(d.get("status").asString()).isEqualTo("SENT"); // only H1 left: no approval needed
        assertThat(outbox(d.get("messageId").asString())).contains("Arben Krasniqi").doesNotContain("Beni");
    }

    @Test
    void onlyLiaisonOfficersExchangeAndBadInputIsNamed() throws Exception {
        mvc.perform(get("/api/exchange/threads").with(account(jdbc, "analyst-msg", Role.ANALYST))).andExpect(status().isForbidden());
        JsonNode bad = call(officer1, "/api/exchange/messages", JSON.writeValueAsString(
                new Compose("bka-wiesbaden", MessageKind.INFORMATION, null, null, "x", List.of())), 400);
        assertThat(bad.get("field").asString()).isEqualTo("priority");
        assertThat(call(officer1, "/api/exchange/messages", body("nobody", "msg-p1"), 400).get("field").asString()).isEqualTo("partner");
    }

    /** A message from TNP, sealed and signed with its keys, through the real inbox. */
    UUID receiveFromTnp(String entityId, HandlingCode handling) throws Exception {
        Envelopes theirs = new Envelopes(tnp, registry, Clock.systemUTC(), Duration.ofMinutes(5));
        Instant now = Instant.now();
        Message m = new Message(UUID.randomUUID(), "tnp-ankara", me.nodeId(), MessageKind.INFORMATION, UUID.randomUUID(), Priority.ROUTINE, null,
                now, now.plus(Duration.ofDays(1)), UUID.randomUUID().toString().replace("-", ""), "Agreement 2024/7 art. 5", false,
                new Payload("from Ankara", List.of(new SharedEntity(entityId, "Person", Category.PERSON, "Mehmet Y",
                        List.of(new SharedStatement("name", "Mehmet Yilmaz", "TNP", "tnp-case-9", "TR law 5397", "A1", handling))))));
        assertThat(inbox.accept("tnp-ankara", theirs.seal(m, me.encryptionKey()), "127.0.0.1")).isInstanceOf(Inbox.Accepted.class);
        return m.id();
    }

    @Test
    void receivedEntitiesBecomeTheOriginatorsStatementsThatNothingLocalMayChange() throws Exception {
        UUID id = receiveFromTnp("P-77", HandlingCode.H2);
        received.storePending(); // the background run may have stored it first: what counts is that it is stored
        assertThat(jdbc.sql("select stored_at is not null from exchange_inbox where message_id = ?").param(id).query(Boolean.class).single())
                .isTrue();
        var row = jdbc.sql("""
                select source_id, originator, legal_basis, handling, source_grade || info_grade from statement
                where entity_id = 'tnp-ankara:P-77' and prop = 'name'""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).single();
        assertThat(row).containsExactly("exchange:tnp-ankara", "tnp-ankara", "Agreement 2024/7 art. 5", "2", "A1");
        assertThat(received.storePending()).isZero(); // stored once
        // Not editable locally: neither by SQL nor by an import into the partner's source.
        assertThatThrownBy(() -> jdbc.sql("update statement set value = 'X' where entity_id = 'tnp-ankara:P-77'").update())
                .hasStackTraceContaining("originator's");
        assertThatThrownBy(() -> jdbc.sql("update statement set retired_at = now() where entity_id = 'tnp-ankara:P-77'").update())
                .hasStackTraceContaining("originator's");
        assertThatThrownBy(() -> store.save(List.of(new EntityRecord("tnp-ankara:P-77", EntityType.Person, List.of(new Statement("tnp-ankara:P-77",
                "name", "Someone Else", "Someone Else", new Provenance("exchange:tnp-ankara", "r1", "ASP", "Law", null, null, new Grading('B', 2),
                        Handling.H0, null)))))))
                .hasStackTraceContaining("imports cannot write");
        assertThat(jdbc.sql("select count(*) from statement where entity_id = 'tnp-ankara:P-77' and retired_at is null").query(Long.class).single())
                .isEqualTo(1);
        mvc.perform(get("/api/exchange/messages/" + id).with(officer1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.direction").value("IN"))
                .andExpect(jsonPath("$.storedEntities[0]").value("tnp-ankara:P-77"));
    }

    @Test
    void h2MaterialFromAPartnerGoesToAThirdPartyOnlyWithItsRecordedPermission() throws Exception {
        receiveFromTnp("P-88", HandlingCode.H2);
        received.storePending();
        JsonNode refused = call(officer1, "/api/exchange/messages", body("bka-wiesbaden", "tnp-ankara:P-88"), 400);
        assertThat(refused.get("detail").asString()).contains("recorded permission");
        assertThat(audit()).anyMatch(a -> a.action() == besa.audit.AuditAction.DISCLOSURE && a.outcome() == besa.audit.AuditOutcome.DENIED
                && a.recipient().equals("bka-wiesbaden") && a.target().contains("tnp-ankara:P-88"));
        // Back to its originator it may go.
        JsonNode home = call(officer1, "/api/exchange/messages/preview", body("tnp-ankara", "tnp-ankara:P-88"), 200);
        assertThat(home.at("/payload/entities").size()).isEqualTo(1);

        String asked = call(officer1, "/api/exchange/permissions",
                "{\"originator\":\"tnp-ankara\",\"recipient\":\"bka-wiesbaden\",\"entity\":\"tnp-ankara:P-88\",\"reference\":\"TNP letter 2026/41\"}", 202).get("id").asString();
        // A second liaison officer approves: only then is it recorded.
        call(officer2, "/api/exchange/permissions/requests/" + asked + "/approve", "{}", 200);
        JsonNode d = call(officer1, "/api/exchange/messages", body("bka-wiesbaden", "tnp-ankara:P-88"), 201);
        assertThat(d.get("status").asString()).isEqualTo("PENDING_APPROVAL"); // still H2
        JsonNode ok = call(officer2, "/api/exchange/approvals/" + d.get("id").asString() + "/approve", "{}", 200);
        assertThat(outbox(ok.get("messageId").asString())).contains("Mehmet Yilmaz", "\"originator\": \"tnp-ankara\"");
    }

    @Test
    void threadsShowSentAndReceivedMessagesWithDeadlines() throws Exception {
        JsonNode d = call(officer1, "/api/exchange/messages", JSON.writeValueAsString(
                new Compose("bka-wiesbaden", MessageKind.REQUEST, null, Priority.URGENT, "please check", List.of("msg-b1"))), 201);
        String messageId = d.get("messageId").asString();
        String thread = jdbc.sql("select thread_id::text from exchange_outbox where message_id = ?::uuid").param(messageId).query(String.class).single();
        mvc.perform(get("/api/exchange/threads").with(officer1)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + thread + "')]").isNotEmpty());
        mvc.perform(get("/api/exchange/threads/" + thread).with(officer1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.messages[0].kind").value("REQUEST"))
                .andExpect(jsonPath("$.messages[0].priority").value("URGENT"))
                .andExpect(jsonPath("$.messages[0].replyBy").isNotEmpty())
                .andExpect(jsonPath("$.overdue").value(false));
        // Past its deadline without a reply: overdue.
        jdbc.sql("update exchange_outbox set reply_by = now() - interval '1 hour' where message_id = ?::uuid").param(messageId).update();
        mvc.perform(get("/api/exchange/threads/" + thread).with(officer1)).andExpect(jsonPath("$.overdue").value(true))
                .andExpect(jsonPath("$.messages[0].overdue").value(true));
    }

    @Test
    void pagesRenderInAlbanianAndEnglishAndThePreviewPageShowsWhatStays() throws Exception {
        for (String page : List.of("/exchange", "/exchange/compose", "/exchange/approvals")) {
            mvc.perform(get(page).with(officer1)).andExpect(status().isOk())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                            org.hamcrest.Matchers.containsString("Shkëmbimi me partnerët")));
            mvc.perform(get(page).param("lang", "en").with(officer1)).andExpect(status().isOk())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                            org.hamcrest.Matchers.containsString("Partner exchange")));
        }
        String html = mvc.perform(post("/exchange/compose").with(officer1).with(csrf()).param("partner", "bka-wiesbaden").param("kind", "REQUEST")
                        .param("priority", "URGENT").param("entities", "msg-p1 msg-org").param("action", "preview"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Arben Krasniqi", "does not cover ORGANISATION", "above the agreement&#39;s maximum H2");
        mvc.perform(get("/exchange").with(account(jdbc, "analyst-page", Role.ANALYST))).andExpect(status().isForbidden());
    }

    @Test
    void twoApproversAtOnceSendItOnce() throws Exception {
        String note = "race " + UUID.randomUUID();
        JsonNode d = call(officer1, "/api/exchange/messages", JSON.writeValueAsString(
                new Compose("tnp-ankara", MessageKind.INFORMATION, null, Priority.HIGH, note, List.of("msg-p1"))), 201);
        String id = d.get("id").asString();
        RequestPostProcessor officer3 = account(jdbc, "liaison-three", Role.LIAISON_OFFICER);
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> results = List.of(officer2, officer3).stream().map(who -> pool.submit(() -> {
                start.await();
                return mvc.perform(post("/api/exchange/approvals/" + id + "/approve").with(who).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus();
            })).toList();
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : results) statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from exchange_outbox where message->'payload'->>'note' = ?").param(note).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aSendBoundToItsPreviewIsRefusedWhenWhatWouldLeaveChanged() throws Exception {
        entity("msg-d1", "Person", "name", "Dardan Preview", 0);
        JsonNode p = call(officer1, "/api/exchange/messages/preview", body("bka-wiesbaden", "msg-d1"), 200);
        String digest = p.get("digest").asString();
        entity("msg-d1", "Person", "alias", "Dari", 1); // the store changes after the preview
        JsonNode refused = call(officer1, "/api/exchange/messages", JSON.writeValueAsString(new Compose("bka-wiesbaden", MessageKind.INFORMATION,
                null, Priority.HIGH, "for your information", List.of("msg-d1"), digest)), 409);
        assertThat(refused.get("field").asString()).isEqualTo("previewDigest");
        String fresh = call(officer1, "/api/exchange/messages/preview", body("bka-wiesbaden", "msg-d1"), 200).get("digest").asString();
        JsonNode sent = call(officer1, "/api/exchange/messages", JSON.writeValueAsString(new Compose("bka-wiesbaden", MessageKind.INFORMATION,
                null, Priority.HIGH, "for your information", List.of("msg-d1"), fresh)), 201);
        assertThat(outbox(sent.get("messageId").asString())).contains("Dardan Preview", "Dari");
    }

    /** The caption goes from what leaves: the stored one comes here from a name above the partner's maximum. */
    @Test
    void theCaptionIsBuiltFromTheStatementsThatLeave() throws Exception {
        entity("msg-cap", "Person", "name", "Hidden Name", 3);
        entity("msg-cap", "Person", "firstName", "Ilir", 0);
        entity("msg-cap", "Person", "lastName", "Berisha", 0);
        JsonNode p = call(officer1, "/api/exchange/messages/preview", body("bka-wiesbaden", "msg-cap"), 200);
        assertThat(p.at("/payload/entities/0/caption").asString()).isEqualTo("Ilir Berisha");
        JsonNode d = call(officer1, "/api/exchange/messages", body("bka-wiesbaden", "msg-cap"), 201);
        assertThat(d.get("status").asString()).isEqualTo("SENT");
        assertThat(outbox(d.get("messageId").asString())).contains("Ilir").doesNotContain("Hidden Name");
    }
}
