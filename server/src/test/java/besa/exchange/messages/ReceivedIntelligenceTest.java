package besa.exchange.messages;

import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.audit.AuditOutcome;
import besa.exchange.Exchange;
import besa.exchange.Outgoing;
import besa.exchange.SharingRefusedException;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.Rejection;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import besa.exchange.transport.Inbox;
import besa.intel.store.IntelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * What partners send becomes searchable intelligence under the ordinary access rules, keeps the
 * originator's codes, and goes no further than the originator allowed. Messages arrive sealed and
 * signed with the partner's own keys through the real {@link Inbox}; the ordinary search API is asked
 * as an analyst would. (Delivery between two nodes is TwoNodesTest's.)
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-recv", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.store-received=1h"})
@AutoConfigureMockMvc
class ReceivedIntelligenceTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WHY = "REASON INTEL_ANALYSIS: received material test";
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-received-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired NodeIdentity me;
    @Autowired Inbox inbox;
    @Autowired Received received;
    @Autowired IntelStore store;
    @Autowired Exchange exchange;
    @Autowired OverdueAlerts overdue;

    NodeIdentity tnp;
    RequestPostProcessor analyst;
    RequestPostProcessor officer1;
    RequestPostProcessor officer2;
    /** Unique per test, so that searches do not see another test's entities. */
    String run;

    @BeforeEach
    void partners() {
        tnp = partner("tnp-ankara", HandlingCode.H3, false);
        partner("bka-wiesbaden", HandlingCode.H3, true); // our agreement lets the BKA pass our material on
        analyst = account(jdbc, "analyst-recv", Role.ANALYST);
        officer1 = account(jdbc, "liaison-recv-1", Role.LIAISON_OFFICER);
        officer2 = account(jdbc, "liaison-recv-2", Role.LIAISON_OFFICER);
        jdbc.sql("update app_user set clearance = null where username in ('analyst-recv', 'liaison-recv-1', 'liaison-recv-2')").update();
        run = Long.toString(System.nanoTime(), 36);
    }

    NodeIdentity partner(String id, HandlingCode max, boolean onward) {
        NodeIdentity them = TestPartners.register(registry, keys, "Agency " + id, "TR", new Agreement(id, EnumSet.of(Category.PERSON), "Agreement 2024/7 art. 5", max, onward));
        return them;
    }

    static SharedStatement st(String prop, String value, String evaluation, HandlingCode h) {
        return new SharedStatement(prop, value, "TNP", "tnp-case-9", "TR law 5397", evaluation, h);
    }

    static SharedEntity ent(String id, String type, SharedStatement... statements) {
        return new SharedEntity(id, type, Category.PERSON, "", List.of(statements));
    }

    /** A message from TNP, sealed and signed with its keys, through the real inbox. */
    Inbox.Outcome fromTnp(boolean onwardTransfer, SharedEntity... entities) {
        return fromTnp(MessageKind.INFORMATION, null, onwardTransfer, entities);
    }

    Inbox.Outcome fromTnp(MessageKind kind, Instant replyBy, boolean onwardTransfer, SharedEntity... entities) {
        Envelopes theirs = new Envelopes(tnp, registry, Clock.systemUTC(), Duration.ofMinutes(5));
        Instant now = Instant.now();
        Message m = new Message(UUID.randomUUID(), "tnp-ankara", me.nodeId(), kind, UUID.randomUUID(), Priority.URGENT, replyBy,
                now, now.plus(Duration.ofDays(1)), UUID.randomUUID().toString().replace("-", ""), "Agreement 2024/7 art. 5", onwardTransfer,
                new Payload("from Ankara", List.of(entities)));
        return inbox.accept("tnp-ankara", theirs.seal(m, me.encryptionKey()), "127.0.0.1");
    }

    void receive(boolean onwardTransfer, SharedEntity... entities) {
        Inbox.Outcome outcome = fromTnp(onwardTransfer, entities);
        assertThat(outcome).isInstanceOf(Inbox.Accepted.class);
        received.storePending(); // the background run may have stored it first: what counts is that it is stored
        assertThat(jdbc.sql("select stored_at is not null from exchange_inbox where message_id = ?")
                .param(((Inbox.Accepted) outcome).messageId()).query(Boolean.class).single()).isTrue();
    }

    JsonNode search(RequestPostProcessor who, String q) throws Exception {
        return JSON.readTree(mvc.perform(get("/api/search").param("q", q).header("X-Besa-Justification", WHY).with(who)
                .accept(MediaType.APPLICATION_JSON)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    static List<String> ids(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.get("hits").forEach(h -> out.add(h.get("entityId").asString()));
        return out;
    }

    List<AuditEvent> audit() {
        return jdbc.sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
    }

    JsonNode call(RequestPostProcessor who, String url, String body, int status) throws Exception {
        String out = mvc.perform(post(url).with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return JSON.readTree(out);
    }

    static String compose(String partner, String... entities) {
        return JSON.writeValueAsString(new Compose(partner, MessageKind.INFORMATION, null, Priority.HIGH, "for your information", List.of(entities)));
    }

    String outbox(String messageId) {
        return jdbc.sql("select message::text from exchange_outbox where message_id = ?::uuid").param(messageId).query(String.class).single();
    }

    @Test
    void receivedPeopleAndPhonesAreFoundByTheOrdinarySearchInOtherScriptsAndFormats() throws Exception {
        String person = "P-" + run, phone = "PH-" + run, uses = "U-" + run;
        receive(true,
                ent(person, "Person", st("name", "Arben Hoxha", "B2", HandlingCode.H1), st("birthDate", "1984-03-02", "B2", HandlingCode.H1)),
                ent(phone, "Phone", st("number", "+355 69 " + digits(run), "A1", HandlingCode.H1)),
                ent(uses, "Uses", st("subject", person, "B2", HandlingCode.H1), st("object", phone, "B2", HandlingCode.H1)));
        String localPerson = "tnp-ankara:" + person, localPhone = "tnp-ankara:" + phone;

        // By name in another script and order, and by the phone in the national format.
        assertThat(ids(search(analyst, "Хоџа Арбен"))).contains(localPerson);
        assertThat(ids(search(analyst, "069 " + digits(run)))).contains(localPhone);
        assertThat(audit()).anyMatch(a -> a.actor().equals("analyst-recv") && a.action() == AuditAction.CONSULTATION
                && a.target().equals("069 " + digits(run)));

        // The codes the partner gave are the statement's columns; the phone is kept as the store cleans it.
        var row = jdbc.sql("select value, original, source_grade || info_grade, handling, originator, source_id from statement where entity_id = ?")
                .param(localPhone).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6))).single();
        assertThat(row).containsExactly("+35569" + digits(run).replace(" ", ""), "+355 69 " + digits(run), "A1", "1", "tnp-ankara",
                "exchange:tnp-ankara");
        // The relation links the local entities: an edge the entity page and the graph show.
        assertThat(jdbc.sql("select subject_id || ' -> ' || object_id from edge where relation_id = ?").param("tnp-ankara:" + uses)
                .query(String.class).single()).isEqualTo(localPerson + " -> " + localPhone);
        assertThat(store.find(localPerson).orElseThrow().edges()).anyMatch(e -> e.otherId().equals(localPhone));
    }

    /** Seven digits of a mobile number that differ per run (the store cleans +355 69 … into E.164). */
    static String digits(String run) {
        long n = Math.abs(run.hashCode()) % 10_000_000L;
        String d = String.format("%07d", n);
        return d.substring(0, 3) + " " + d.substring(3);
    }

    @Test
    void aUserWithoutClearanceForTheHandlingCodeDoesNotFindIt() throws Exception {
        String person = "H2-" + run;
        receive(true, ent(person, "Person", st("name", "Dritan Kelmendi", "B2", HandlingCode.H2)));
        RequestPostProcessor low = account(jdbc, "analyst-recv-low", Role.ANALYST);
        jdbc.sql("update app_user set clearance = 1 where username = 'analyst-recv-low'").update();
        assertThat(ids(search(low, "Dritan Kelmendi"))).doesNotContain("tnp-ankara:" + person);
        mvc.perform(get("/api/entities/tnp-ankara:" + person).header("X-Besa-Justification", WHY).with(low)).andExpect(status().isNotFound());
        assertThat(ids(search(analyst, "dritan kelmendi"))).contains("tnp-ankara:" + person);
        mvc.perform(get("/api/entities/tnp-ankara:" + person).header("X-Besa-Justification", WHY).with(analyst)).andExpect(status().isOk());
    }

    @Test
    void aSecondMessageAboutTheSameEntityAddsToItNeverADuplicate() throws Exception {
        String person = "M-" + run, local = "tnp-ankara:M-" + run;
        receive(true, ent(person, "Person", st("name", "Gezim Berisha", "B2", HandlingCode.H1)));
        receive(true, ent(person, "Person", st("name", "Gezim Berisha", "B2", HandlingCode.H1), st("alias", "Gezi", "C3", HandlingCode.H1)));
        assertThat(jdbc.sql("select count(*) from entity where id like ?").param("%" + person).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from statement where entity_id = ? and retired_at is null").param(local).query(Long.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from exchange_received_entity where partner_id = 'tnp-ankara' and remote_id = ?").param(person)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(ids(search(analyst, "Gezi"))).contains(local);
        assertThat(ids(search(analyst, "GEZIM BERISHA"))).contains(local);
    }

    @Test
    void invalidEvaluationCodesAreRefusedOnReceivingAndOnSendingNamingEntityAndStatement() throws Exception {
        Inbox.Outcome o = fromTnp(true, ent("E-" + run, "Person", st("name", "Ilir Bad", "B2", HandlingCode.H1), st("alias", "Ili", "E7", HandlingCode.H1)));
        assertThat(o).isInstanceOfSatisfying(Inbox.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Rejection.INVALID_CONTENT);
            assertThat(r.detail()).contains("entity E-" + run, "statement 2 (alias)", "evaluation code 'E7'", "A, B, C or X", "1 to 4");
        });
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.COLLECTION && a.outcome() == AuditOutcome.DENIED
                && a.justification().contains("E-" + run) && a.recipient().equals(me.nodeId()));
        received.storePending();
        assertThat(jdbc.sql("select count(*) from entity where id = ?").param("tnp-ankara:E-" + run).query(Long.class).single()).isZero();
        assertThat(fromTnp(true, ent("F-" + run, "Person", st("name", "Ilir Bad", "B5", HandlingCode.H1)))).isInstanceOf(Inbox.Refused.class);
        assertThat(fromTnp(true, ent("G-" + run, "Person", st("name", "Ilir Bad", "", HandlingCode.H1)))).isInstanceOf(Inbox.Refused.class);

        long queued = jdbc.sql("select count(*) from exchange_outbox").query(Long.class).single();
        assertThatThrownBy(() -> exchange.send("liaison-recv-1", new Outgoing("bka-wiesbaden", MessageKind.INFORMATION, null, Priority.HIGH, null,
                new Payload("", List.of(ent("own-" + run, "Person", st("name", "Someone", "Z9", HandlingCode.H0)))))))
                .isInstanceOf(SharingRefusedException.class).hasMessageContaining("entity own-" + run + ", statement 1 (name): evaluation code 'Z9'");
        assertThat(jdbc.sql("select count(*) from exchange_outbox").query(Long.class).single()).isEqualTo(queued);
    }

    @Test
    void materialSentWithoutOnwardTransferGoesToNoThirdPartyWithoutTheOriginatorsPermission() throws Exception {
        String person = "N-" + run, local = "tnp-ankara:" + person;
        receive(false, ent(person, "Person", st("name", "Besnik Lala", "B2", HandlingCode.H0)));
        // Even H0: the originator said no onward transfer.
        JsonNode preview = call(officer1, "/api/exchange/messages/preview", compose("bka-wiesbaden", local), 200);
        assertThat(preview.at("/payload/entities").size()).isZero();
        assertThat(preview.get("withheld").toString()).contains("onward-transfer rule", "tnp-ankara's recorded permission");
        JsonNode refused = call(officer1, "/api/exchange/messages", compose("bka-wiesbaden", local), 400);
        assertThat(refused.get("detail").asString()).contains("without onward transfer");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DISCLOSURE && a.outcome() == AuditOutcome.DENIED
                && a.recipient().equals("bka-wiesbaden") && a.target().contains(local) && a.justification().contains("onward-transfer rule"));
        // Nor around the composer: Exchange.send checks again before sealing.
        assertThatThrownBy(() -> exchange.send("liaison-recv-1", new Outgoing("bka-wiesbaden", MessageKind.INFORMATION, null, Priority.HIGH, null,
                new Payload("", List.of(new SharedEntity(local, "Person", Category.PERSON, "", List.of(new SharedStatement("name",
                        "Besnik Lala", "tnp-ankara", "exchange:tnp-ankara", "Agreement 2024/7 art. 5", "B2", HandlingCode.H0))))))))
                .isInstanceOf(SharingRefusedException.class).hasMessageContaining("without onward transfer");
        // Back to its originator it may go.
        assertThat(call(officer1, "/api/exchange/messages/preview", compose("tnp-ankara", local), 200).at("/payload/entities").size()).isEqualTo(1);
        // Nor in an export package for a partner without a node.
        String pkg = mvc.perform(post("/api/exchange/packages").with(officer1).with(csrf()).header("X-Besa-Justification", WHY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"source\":\"exchange:tnp-ankara\",\"recipient\":\"CERT-RO\","
                                + "\"legalBasis\":\"Budapest Convention art. 26\",\"reason\":\"joint case\"}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(pkg).contains("onward transfer");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DISCLOSURE && a.outcome() == AuditOutcome.DENIED
                && a.recipient().equals("CERT-RO") && a.justification().contains("onward transfer"));

        // With the originator's recorded permission it goes, and the message says it may go no further.
        String asked = call(officer1, "/api/exchange/permissions",
                "{\"originator\":\"tnp-ankara\",\"recipient\":\"bka-wiesbaden\",\"entity\":\"" + local + "\",\"reference\":\"TNP letter " + run + "\"}", 202).get("id").asString();
        // A second liaison officer approves: only then is it recorded.
        call(officer2, "/api/exchange/permissions/requests/" + asked + "/approve", "{}", 200);
        JsonNode sent = call(officer1, "/api/exchange/messages", compose("bka-wiesbaden", local), 201);
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        JsonNode m = JSON.readTree(outbox(sent.get("messageId").asString()));
        assertThat(m.get("onwardTransfer").asBoolean()).isFalse(); // our agreement with the BKA allows it; the material does not
        assertThat(m.at("/payload/entities/0/statements/0/originator").asString()).isEqualTo("tnp-ankara");
    }

    /**
     * TNP sent R (stored as tnp-ankara:R), we sent tnp-ankara:R back, and TNP now sends it as asp-recv:tnp-ankara:R: it
     * attaches to the same entity under the mapping TNP already has (R), instead of failing on every storing run.
     */
    @Test
    void anEntityComingBackUnderOurIdForItKeepsThePartnersFirstMapping() throws Exception {
        String person = "R-" + run, local = "tnp-ankara:" + person;
        receive(true, ent(person, "Person", st("name", "Gëzim Dushku", "B2", HandlingCode.H0)));
        JsonNode sent = call(officer1, "/api/exchange/messages", compose("tnp-ankara", local), 201);
        jdbc.sql("update exchange_outbox set status = 'DELIVERED' where message_id = ?::uuid").param(sent.get("messageId").asString()).update();
        receive(false, ent(me.nodeId() + ":" + local, "Person", st("alias", "Gëzi", "B2", HandlingCode.H0)));
        assertThat(jdbc.sql("select remote_id from exchange_received_entity where partner_id = 'tnp-ankara' and local_id = ?").param(local)
                .query(String.class).list()).containsExactly(person);
        assertThat(jdbc.sql("select onward_transfer from exchange_received_entity where partner_id = 'tnp-ankara' and local_id = ?").param(local)
                .query(Boolean.class).single()).as("narrowed by the second message").isFalse();
        assertThat(jdbc.sql("select original from statement where entity_id = ? order by prop").param(local).query(String.class).list())
                .contains("Gëzi", "Gëzim Dushku");
    }

    @Test
    void sharingNarrowsAtEachHopAndOurOwnFlagTravels() throws Exception {
        String person = "W-" + run, local = "tnp-ankara:" + person;
        receive(true, ent(person, "Person", st("name", "Valon Shala", "B2", HandlingCode.H1)));
        // Allowed onward, H1: it may go to the BKA, and the message keeps our agreement's flag (true).
        JsonNode sent = call(officer1, "/api/exchange/messages", compose("bka-wiesbaden", local), 201);
        assertThat(JSON.readTree(outbox(sent.get("messageId").asString())).get("onwardTransfer").asBoolean()).isTrue();
        // Never with a lower handling code than it arrived with.
        assertThatThrownBy(() -> exchange.send("liaison-recv-1", new Outgoing("bka-wiesbaden", MessageKind.INFORMATION, null, Priority.HIGH, null,
                new Payload("", List.of(new SharedEntity(local, "Person", Category.PERSON, "", List.of(new SharedStatement("name",
                        "Valon Shala", "tnp-ankara", "exchange:tnp-ankara", "Agreement 2024/7 art. 5", "B2", HandlingCode.H0))))))))
                .isInstanceOf(SharingRefusedException.class).hasMessageContaining("below the H1 it arrived with");
        // A later message about the same entity without onward transfer narrows it for good.
        receive(false, ent(person, "Person", st("alias", "Valo", "B2", HandlingCode.H1)));
        assertThat(call(officer1, "/api/exchange/messages/preview", compose("bka-wiesbaden", local), 200).get("withheld").toString())
                .contains("onward-transfer rule");
        // Our agreement with TNP says no onward transfer: our own messages to TNP say so.
        jdbc.sql("insert into source (id, title, originator, legal_basis) values ('recv-src', 'Case 18', 'ASP', 'Law 108/2014') on conflict do nothing").update();
        jdbc.sql("insert into entity (id, type, caption) values (?, 'Person', 'Own One') on conflict do nothing").param("own-" + run).update();
        jdbc.sql("""
                insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade, handling)
                values (?, 'name', 'Own One', 'Own One', 'recv-src', 'ASP', 'Law 108/2014', 'B', 2, 0)""").param("own-" + run).update();
        JsonNode own = call(officer1, "/api/exchange/messages", compose("tnp-ankara", "own-" + run), 201);
        assertThat(JSON.readTree(outbox(own.get("messageId").asString())).get("onwardTransfer").asBoolean()).isFalse();
    }

    @Test
    void requestsPastTheirDeadlineAreAlertedOnceAndShownOnTheExchangePages() throws Exception {
        Inbox.Outcome in = fromTnp(MessageKind.REQUEST, Instant.now().minus(Duration.ofHours(1)), true);
        UUID theirs = ((Inbox.Accepted) in).messageId();
        JsonNode ours = call(officer1, "/api/exchange/messages", JSON.writeValueAsString(new Compose("bka-wiesbaden", MessageKind.REQUEST, null,
                Priority.URGENT, "please check " + run, List.of())), 201);
        String mine = ours.get("messageId").asString();
        jdbc.sql("update exchange_outbox set reply_by = now() - interval '1 hour' where message_id = ?::uuid").param(mine).update();

        assertThat(overdue.raise()).isGreaterThanOrEqualTo(2);
        assertThat(overdue.alerted()).contains(theirs.toString(), mine);
        overdue.raise(); // once per request, however often the check runs
        assertThat(audit().stream().filter(a -> a.action() == AuditAction.DISCLOSURE && a.outcome() == AuditOutcome.FAILED
                && a.target().contains(theirs.toString()) && a.recipient().equals("tnp-ankara"))).hasSize(1);
        assertThat(audit().stream().filter(a -> a.action() == AuditAction.COLLECTION && a.outcome() == AuditOutcome.FAILED
                && a.target().contains(mine) && a.recipient().equals("bka-wiesbaden"))).hasSize(1);

        var count = overdue.count();
        assertThat(count.owedByUs()).isGreaterThanOrEqualTo(1);
        assertThat(count.owedToUs()).isGreaterThanOrEqualTo(1);
        String en = mvc.perform(get("/exchange/partners").param("lang", "en").with(officer1)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(en).contains("overdue-banner", "Overdue: " + count.owedByUs() + " partner request(s)");
        String sq = mvc.perform(get("/exchange").with(officer1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("overdue-banner", "Me vonesë");
        // Answered: no longer counted.
        call(officer1, "/api/exchange/messages", JSON.writeValueAsString(new Compose("tnp-ankara", MessageKind.REPLY,
                jdbc.sql("select thread_id from exchange_inbox where message_id = ?").param(theirs).query(UUID.class).single(), Priority.URGENT,
                "answer " + run, List.of())), 201);
        assertThat(overdue.count().owedByUs()).isEqualTo(count.owedByUs() - 1);
    }
}
