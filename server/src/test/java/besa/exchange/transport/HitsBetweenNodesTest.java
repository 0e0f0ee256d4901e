package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.ApiTokens;
import besa.access.Justification;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.TestLogins;
import besa.access.UserAccounts;
import besa.exchange.partner.Partner;
import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.hit.CrossMatch;
import besa.exchange.hit.HitQuery;
import besa.exchange.hit.Hits;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Identifier;
import besa.platform.db.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hit/no-hit and cross-matching between two real nodes, with {@link TwoNodesTest}'s fixture (two
 * contexts, two databases on one embedded PostgreSQL, mutual TLS on loopback; no proxy here). Node A
 * asks, node B owns the data. The workers are driven by calling {@code work()} inside awaited
 * conditions (the scheduled worker may run too; work() is synchronised).
 */
class HitsBetweenNodesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodesTest.Node a;
    static TwoNodesTest.Node b;

    @BeforeAll
    static void startNodes() throws IOException {
        TwoNodesTest.root = Files.createTempDirectory("besa-hits");
        TwoNodesTest.root.toFile().setExecutable(true, false);
        TwoNodesTest.pg = EmbeddedPostgres.start(TwoNodesTest.root.resolve("postgres"), false);
        a = new TwoNodesTest.Node("node-a");
        b = new TwoNodesTest.Node("node-b");
        a.trust(b, b.port(), HandlingCode.H3);
        b.trust(a, a.port(), HandlingCode.H2);
        ownerData();
    }

    @AfterAll
    static void stopNodes() {
        if (a != null && a.ctx != null) a.ctx.close();
        if (b != null && b.ctx != null) b.ctx.close();
        if (TwoNodesTest.pg != null) TwoNodesTest.pg.close();
    }

    /** Node B's store: a person, a phone (H0), a phone held only under H3, a device. */
    static void ownerData() {
        IntelStore store = b.bean(IntelStore.class);
        store.saveSource(new Source("asp-case", "ASP case file", "ASP", "Law 108/2014 art. 7"));
        Provenance h0 = new Provenance("asp-case", "r1", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H0, null);
        Provenance h3 = new Provenance("asp-case", "r2", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H3, null);
        store.save(List.of(
                new EntityRecord("p1", EntityType.Person, List.of(new Statement("p1", "name", "Arben Hoxha", "Arben Hoxha", h0),
                        new Statement("p1", "birthDate", "1985-03-12", "12.03.1985", h0),
                        new Statement("p1", "alias", "Secret Alias", "Secret Alias", h3))),
                new EntityRecord("ph1", EntityType.Phone, List.of(new Statement("ph1", "number", "+355691234567", "069 123 4567", h0))),
                new EntityRecord("ph2", EntityType.Phone, List.of(new Statement("ph2", "number", "+355697777777", "069 777 7777", h3))),
                new EntityRecord("d1", EntityType.Device, List.of(new Statement("d1", "imei", "356938035643809", "356938035643809", h0)))));
    }

    /** Puts {@code entity} of node B into a compartment, as the application itself would (row-level security). */
    static void restrict(String entity) {
        b.bean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(t -> {
            b.jdbc().sql("select set_config('besa.system', 'on', true)").query(String.class).single();
            b.jdbc().sql("insert into restricted_entity (entity_id, vetting) values (?, false) on conflict do nothing").param(entity).update();
        });
    }

    static UUID ask(Hits hits, HitQuery q) {
        return hits.ask("liaison1", b.id, q, Priority.HIGH, Justification.parse("CASE 2026/88"), "");
    }

    static Hits.Answer answer(UUID query) {
        TwoNodesTest.await("answer to " + query, () -> {
            b.bean(Hits.class).work();
            return a.bean(Hits.class).answer(query).isPresent();
        });
        return a.bean(Hits.class).answer(query).orElseThrow();
    }

    static String answerJwe(UUID query) {
        return b.jdbc().sql("select o.jwe from exchange_outbox o join exchange_hit_received r on r.answer_id = o.message_id where r.message_id = ?")
                .param(query).query(String.class).single();
    }

    @Test
    void hitAndNoHitAnswerInTheSameShapeAndSize() {
        Hits hits = a.bean(Hits.class);
        UUID phone = ask(hits, HitQuery.of(HitQuery.Kind.PHONE, "069 123 4567", null));
        UUID person = ask(hits, HitQuery.of(HitQuery.Kind.PERSON, "ARBEN HOXHA", "12/03/1985"));
        UUID imei = ask(hits, HitQuery.of(HitQuery.Kind.IMEI, "35693803564380", null));
        UUID none = ask(hits, HitQuery.of(HitQuery.Kind.PHONE, "+355 68 000 0000", null));
        UUID aboveAgreement = ask(hits, HitQuery.of(HitQuery.Kind.PHONE, "069 777 7777", null)); // held only under H3 > H2
        UUID otherBirthDate = ask(hits, HitQuery.of(HitQuery.Kind.PERSON, "Arben Hoxha", "1990-01-01"));

        Hits.Answer hit = answer(phone);
        assertThat(hit.outcome()).isEqualTo(Hits.Outcome.HIT);
        assertThat(hit.ref()).hasSize(24);
        assertThat(answer(person).outcome()).isEqualTo(Hits.Outcome.HIT);
        assertThat(answer(imei).outcome()).isEqualTo(Hits.Outcome.HIT);
        assertThat(answer(none).outcome()).isEqualTo(Hits.Outcome.NO_HIT);
        assertThat(answer(none).ref()).isEmpty();
        assertThat(answer(aboveAgreement).outcome()).isEqualTo(Hits.Outcome.NO_HIT);
        assertThat(answer(otherBirthDate).outcome()).isEqualTo(Hits.Outcome.NO_HIT);

        // The answer's body is padded to the same length, and the envelope's times are fixed-width: the
        // sealed answers are byte-for-byte the same length whatever the outcome.
        List<Integer> notes = List.of(phone, person, imei, none, aboveAgreement, otherBirthDate).stream().map(q -> a.jdbc().sql("""
                select length(i.message->'payload'->>'note') from exchange_inbox i join exchange_outbox o on o.thread_id = i.thread_id
                where o.message_id = ? and i.kind = 'HIT_ANSWER'""").param(q).query(Integer.class).single()).toList();
        assertThat(notes).containsOnly(notes.get(0));
        assertThat(List.of(phone, person, imei, none, aboveAgreement, otherBirthDate).stream().map(q -> answerJwe(q).length()).distinct().toList())
                .hasSize(1);
        // Only what was answered: the data never crossed, nothing but the references stored on B.
        assertThat(a.jdbc().sql("select message::text from exchange_inbox where kind = 'HIT_ANSWER'").query(String.class).list())
                .noneMatch(m -> m.contains("Hoxha") || m.contains("+355691234567") || m.contains("ph1"));
        assertThat(b.jdbc().sql("select count(*) from exchange_hit_reference where query_id in (?, ?, ?, ?, ?, ?)")
                .params(phone, person, imei, none, aboveAgreement, otherBirthDate).query(Integer.class).single())
                .isEqualTo(3);
        assertThat(b.auditCount(AuditAction.CONSULTATION, AuditOutcome.SUCCESS, "hit query " + phone, "PHONE query")).isEqualTo(1);
        assertThat(b.audit().stream().filter(e -> e.action() == AuditAction.DISCLOSURE && e.recipient().equals(a.id)
                && e.target().contains("HIT_ANSWER")).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aQueryOutsideTheAgreementIsRefusedAndAudited() {
        UUID hit = ask(a.bean(Hits.class), HitQuery.of(HitQuery.Kind.PHONE, "069 123 4567", null));
        assertThat(answer(hit).outcome()).isEqualTo(Hits.Outcome.HIT); // asked before the agreement narrows
        PartnerRegistry r = b.bean(PartnerRegistry.class);
        r.saveAgreement(new Agreement(a.id, EnumSet.of(Category.CYBER_INDICATOR), "Agreement 2024/7 art. 5", HandlingCode.H2, false));
        try {
            UUID q = ask(a.bean(Hits.class), HitQuery.of(HitQuery.Kind.PHONE, "069 123 4567", null));
            Hits.Answer ans = answer(q);
            assertThat(ans.outcome()).isEqualTo(Hits.Outcome.REFUSED);
            assertThat(ans.ref()).isEmpty();
            // A refusal is sealed to the same length as a hit.
            assertThat(answerJwe(q).length()).isEqualTo(answerJwe(hit).length());
            assertThat(b.auditCount(AuditAction.CONSULTATION, AuditOutcome.DENIED, "hit query " + q, "does not cover PERSON")).isEqualTo(1);
            assertThat(b.jdbc().sql("select count(*) from exchange_hit_reference where query_id = ?").param(q).query(Integer.class).single()).isZero();
        } finally {
            r.saveAgreement(new Agreement(a.id, EnumSet.of(Category.PERSON, Category.CYBER_INDICATOR), "Agreement 2024/7 art. 5", HandlingCode.H2, false));
        }
    }

    @Test
    void dataFollowsOnlyAfterApprovalAndARefusalSendsNothing() {
        Hits asker = a.bean(Hits.class);
        Hits owner = b.bean(Hits.class);
        Hits.Answer hit = answer(ask(asker, HitQuery.of(HitQuery.Kind.PERSON, "Arben Hoxha", "1985-03-12")));
        UUID request = asker.requestData("liaison1", b.id, hit.ref(), "case 2026/88");
        TwoNodesTest.await("request registered", () -> {
            owner.work();
            return owner.pendingReleases().stream().anyMatch(x -> x.requestId().equals(request));
        });
        assertThat(asker.released(request)).isEmpty(); // nothing before a decision
        // The decision through the API, by a liaison officer of node B; an analyst may not decide.
        String officer = TestTokens.accountWithToken(b.bean(UserAccounts.class), b.bean(ApiTokens.class), "owner-officer", Role.LIAISON_OFFICER);
        String analyst = TestTokens.accountWithToken(b.bean(UserAccounts.class), b.bean(ApiTokens.class), "owner-analyst", Role.ANALYST);
        assertThat(post(analyst, "/api/exchange/hits/releases/" + request + "/approve", "").statusCode()).isEqualTo(403);
        assertThat(get(officer, "/api/exchange/hits/releases").body()).contains(request.toString());
        assertThat(post(officer, "/api/exchange/hits/releases/" + request + "/approve", "").statusCode()).isEqualTo(200);
        TwoNodesTest.await("release delivered", () -> asker.released(request).isPresent());
        Payload data = asker.released(request).orElseThrow();
        assertThat(data.entities()).extracting(SharedEntity::caption).containsExactly("Arben Hoxha");
        List<SharedStatement> st = data.entities().get(0).statements();
        assertThat(st).extracting(SharedStatement::prop).contains("name", "birthDate").doesNotContain("alias"); // H3 stays home
        assertThat(b.jdbc().sql("select decided_by from exchange_hit_release where request_id = ?").param(request).query(String.class).single())
                .isEqualTo("owner-officer");
        assertThat(b.auditCount(AuditAction.DECISION, AuditOutcome.SUCCESS, "hit data request " + request + " approved", "")).isEqualTo(1);
        assertThatThrownBy(() -> owner.approve("owner-officer", request)).isInstanceOf(IllegalStateException.class); // decided once
        assertThat(post(officer, "/api/exchange/hits/releases/" + request + "/refuse", "{\"reason\":\"late\"}").statusCode()).isEqualTo(409);

        // A second request, refused: the reason goes back, no entity.
        UUID second = asker.requestData("liaison1", b.id, hit.ref(), "case 2026/89");
        TwoNodesTest.await("second request registered", () -> {
            owner.work();
            return owner.pendingReleases().stream().anyMatch(x -> x.requestId().equals(second));
        });
        assertThat(post(officer, "/api/exchange/hits/releases/" + second + "/refuse", "{\"reason\":\" \"}").statusCode()).isEqualTo(400);
        assertThat(post(officer, "/api/exchange/hits/releases/" + second + "/refuse", "{\"reason\":\"ongoing operation\"}").statusCode())
                .isEqualTo(200);
        TwoNodesTest.await("refusal delivered", () -> asker.released(second).isPresent());
        assertThat(asker.released(second).orElseThrow().entities()).isEmpty();
        assertThat(asker.released(second).orElseThrow().note()).contains("ongoing operation");
        assertThat(b.auditCount(AuditAction.DECISION, AuditOutcome.DENIED, "hit data request " + second + " refused", "ongoing operation")).isEqualTo(1);

        // A guessed reference is refused at once and raises an alert.
        UUID guess = asker.requestData("liaison1", b.id, "AAAAAAAAAAAAAAAAAAAAAAAA", "guess");
        TwoNodesTest.await("guess answered", () -> {
            owner.work();
            return asker.released(guess).isPresent();
        });
        assertThat(asker.released(guess).orElseThrow().entities()).isEmpty();
        assertThat(b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "hit data request " + guess, "unknown hit reference")).isEqualTo(1);
    }

    @Test
    void psiCrossMatchLeavesEachSideWithWhatItShouldLearn() {
        List<Identifier> roster = List.of(phone("+355 69 111 0001"), phone("+355 69 111 0002"), phone("+355 69 111 0003"),
                phone("069 111 0004"), Identifier.imei("35693803564380").orElseThrow(), phone("+355 69 111 0006"));
        List<Identifier> cryptophoneUsers = List.of(phone("0691110002"), phone("+355 69 999 0001"), Identifier.imei("356938035643809").orElseThrow(),
                phone("+355 69 999 0002"), phone("+355 69 999 0003"), phone("+355 69 999 0004"), phone("+355 69 999 0005"));
        b.bean(CrossMatch.class).offerIdentifiers("liaison1", a.id, "cryptophone-users", cryptophoneUsers);
        UUID session = a.bean(CrossMatch.class).startPsi("liaison1", b.id, "cryptophone-users", roster);
        TwoNodesTest.await("PSI done", () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(session).orElse("").equals("DONE");
        });
        assertThat(a.bean(CrossMatch.class).intersection(session))
                .containsExactlyInAnyOrder(phone("+355691110002"), Identifier.imei("35693803564380").orElseThrow());
        // Each side learns only the other's bucket (16 for 1 to 16 elements): the sets were padded with dummies.
        assertThat(a.bean(CrossMatch.class).peerSize(session, "REQUESTER")).isEqualTo(16);
        assertThat(b.bean(CrossMatch.class).peerSize(session, "RESPONDER")).isEqualTo(16);
        assertThat(a.bean(CrossMatch.class).session(session, "REQUESTER").orElseThrow().sentSize()).isEqualTo(16);
        assertThat(b.bean(CrossMatch.class).session(session, "RESPONDER").orElseThrow().sentSize()).isEqualTo(16);
        assertThat(b.bean(CrossMatch.class).session(session, "RESPONDER").orElseThrow().ownSize()).isEqualTo(7);
        assertThat(b.jdbc().sql("select count(*) from exchange_xmatch_result").query(Integer.class).single()).isZero();
        // Nothing of A's roster crossed in the clear.
        assertThat(b.jdbc().sql("select message::text from exchange_inbox where thread_id = ?").param(session).query(String.class).single())
                .doesNotContain("355691110001").doesNotContain("355691110006");
        assertThat(b.auditCount(AuditAction.CONSULTATION, AuditOutcome.SUCCESS, "cross-match " + session, "PSI of 16 blinded items against 7 (sent as 16)"))
                .isEqualTo(1);

        // A list not offered to A is refused.
        UUID refused = a.bean(CrossMatch.class).startPsi("liaison1", b.id, "no-such-list", roster);
        TwoNodesTest.await("PSI refused", () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(refused).orElse("").equals("REFUSED");
        });
        assertThat(a.bean(CrossMatch.class).intersection(refused)).isEmpty();
    }

    @Test
    void clkCrossMatchFindsNameVariants() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        a.bean(CrossMatch.class).setClkSecret("liaison1", b.id, secret);
        b.bean(CrossMatch.class).setClkSecret("liaison1", a.id, secret);
        List<ClkRecord> theirs = List.of(new ClkRecord("Dritan", "Petrit", "Leka", "1979-11-02"),
                new ClkRecord("Арбен", "Ѓерѓ", "Хоџа", "12.03.1985"),
                new ClkRecord("Mirela", "Agim", "Dervishi", "1990-06-30"),
                new ClkRecord("Ilir", "Fatmir", "Krasniqui", "1988-07-21"));
        b.bean(CrossMatch.class).offerPersons("liaison1", a.id, "cryptophone-users", theirs);
        List<ClkRecord> ours = List.of(new ClkRecord("Arben", "Gjergj", "Hoxha", "1985-03-12"),
                new ClkRecord("Ilir", "Fatmir", "Krasniqi", "1988-07-21"),
                new ClkRecord("Besnik", "Kujtim", "Shehu", "1975-01-15"));
        UUID session = a.bean(CrossMatch.class).startClk("liaison1", b.id, "cryptophone-users", ours);
        TwoNodesTest.await("CLK done", () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(session).orElse("").equals("DONE");
        });
        List<CrossMatch.Pair> pairs = a.bean(CrossMatch.class).pairs(session);
        // A pair names a place in B's reply; only B maps it back to the record it offered (or to a dummy).
        CrossMatch bMatch = b.bean(CrossMatch.class);
        assertThat(pairs).extracting(p -> p.own() + "-" + bMatch.recordAt(session, p.peer()).orElse(-1)).containsExactlyInAnyOrder("0-1", "1-3");
        assertThat(pairs).allSatisfy(p -> assertThat(p.dice()).isGreaterThanOrEqualTo(0.82));
        // B sent its 4 encodings at 4 distinct places among 16, the rest dummies; no dummy is in a pair.
        assertThat(a.bean(CrossMatch.class).peerSize(session, "REQUESTER")).isEqualTo(16);
        assertThat(b.jdbc().sql("select (message->'payload'->>'note')::jsonb->>'count' from exchange_outbox where thread_id = ?").param(session)
                .query(String.class).single()).isEqualTo("16");
        List<Integer> places = java.util.stream.IntStream.range(0, 16).filter(j -> bMatch.recordAt(session, j).isPresent()).boxed().toList();
        assertThat(places).hasSize(theirs.size());
        assertThat(places.stream().map(j -> bMatch.recordAt(session, j).getAsInt())).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(pairs).allMatch(p -> places.contains(p.peer()));
        assertThat(a.bean(CrossMatch.class).recordAt(session, pairs.get(0).peer())).as("the requester holds no map").isEmpty();
        assertThat(b.jdbc().sql("select message::text from exchange_outbox where thread_id = ?").param(session).query(String.class).single())
                .doesNotContain("Leka").doesNotContain("Dervishi");
    }


    // ---- through the REST API and the pages (both nodes), restart safety, secrets at rest

    static String token(TwoNodesTest.Node n, String name) {
        return TestTokens.accountWithToken(n.bean(UserAccounts.class), n.bean(ApiTokens.class), name, Role.LIAISON_OFFICER);
    }

    static MockMvc mvc(TwoNodesTest.Node n) {
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) n.ctx).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    static RequestPostProcessor officer(TwoNodesTest.Node n, String name) {
        return TestLogins.account(n.jdbc(), name, Role.LIAISON_OFFICER);
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static JsonNode askedViaApi(String token, UUID id) {
        HttpResponse<String> r = get(a, token, "/api/exchange/hits/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    /** Drives B's worker until A's query {@code id} shows {@code state} through A's API. */
    static JsonNode awaitState(String token, UUID id, String state) {
        TwoNodesTest.await("query " + id + " " + state, () -> {
            b.bean(Hits.class).work();
            return askedViaApi(token, id).path("state").asText().equals(state);
        });
        return askedViaApi(token, id);
    }

    @Test
    void askRequestAndReleaseThroughTheApiAndThePages() throws Exception {
        String asker = token(a, "asker-officer");
        // A justification is required; bad values name their field.
        HttpResponse<String> none = post(a, asker, "/api/exchange/hits", "{\"partner\":\"node-b\",\"kind\":\"PERSON\",\"value\":\"Arben Hoxha\",\"birthDate\":\"1985-03-12\"}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).path("field").asText()).isEqualTo("justification");
        HttpResponse<String> badPhone = post(a, asker, "/api/exchange/hits", "{\"partner\":\"node-b\",\"kind\":\"PHONE\",\"value\":\"not a phone\",\"justification\":\"CASE 2026/90\"}");
        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(json(badPhone).path("field").asText()).isEqualTo("value");
        assertThat(post(a, asker, "/api/exchange/hits", "{\"partner\":\"node-b\",\"kind\":\"PERSON\",\"value\":\"Arben Hoxha\"}", "CASE 2026/90")
                .statusCode()).isEqualTo(400); // a person needs a birth date
        long queued = a.jdbc().sql("select count(*) from exchange_outbox where kind = 'HIT_QUERY'").query(Long.class).single();

        HttpResponse<String> asked = post(a, asker, "/api/exchange/hits",
                "{\"partner\":\"node-b\",\"kind\":\"PERSON\",\"value\":\"arben hoxha\",\"birthDate\":\"12.03.1985\"}", "CASE 2026/90");
        assertThat(asked.statusCode()).isEqualTo(201);
        assertThat(a.jdbc().sql("select count(*) from exchange_outbox where kind = 'HIT_QUERY'").query(Long.class).single()).isEqualTo(queued + 1);
        UUID id = UUID.fromString(json(asked).path("queryId").asText());
        assertThat(json(asked).path("state").asText()).isIn("WAITING", "HIT");
        // Who asked about whom and why is in the asker's audit trail, with the partner as recipient.
        assertThat(a.audit()).anyMatch(e -> e.action() == AuditAction.DISCLOSURE && e.target().equals("hit query " + id + " (PERSON) to node-b")
                && e.justification().equals("CASE 2026/90") && e.actor().equals("asker-officer") && e.recipient().equals("node-b"));

        JsonNode hit = awaitState(asker, id, "HIT");
        String ref = hit.path("ref").asText();
        assertThat(ref).hasSize(24);
        assertThat(post(a, asker, "/api/exchange/hits/" + id + "/data-requests", "{\"why\":\" \"}").statusCode()).isEqualTo(400);
        assertThat(post(a, asker, "/api/exchange/hits/" + UUID.randomUUID() + "/data-requests", "{\"why\":\"x\"}").statusCode()).isEqualTo(404);
        HttpResponse<String> req = post(a, asker, "/api/exchange/hits/" + id + "/data-requests", "{\"why\":\"case 2026/90, suspect\"}");
        assertThat(req.statusCode()).isEqualTo(201);
        UUID request = UUID.fromString(json(req).path("request").asText());

        // The owner decides on its page: the request shows what was asked and why; approve.
        TwoNodesTest.await("request registered on B", () -> {
            b.bean(Hits.class).work();
            return b.bean(Hits.class).pendingDetails().stream().anyMatch(r -> r.requestId().equals(request));
        });
        MockMvc owner = mvc(b);
        String page = owner.perform(page("/exchange/hits/releases").param("lang", "en").with(officer(b, "owner-page-officer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("release-" + request).contains("arben hoxha").contains("case 2026/90, suspect").contains("Approve and send");
        assertThat(owner.perform(page("/exchange/hits/releases").with(officer(b, "owner-page-officer"))).andReturn().getResponse()
                .getContentAsString()).contains("Mirato dhe dërgo");
        owner.perform(form("/exchange/hits/releases/" + request).param("decision", "refuse").param("reason", "")
                        .with(officer(b, "owner-page-officer")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("error")); // a refusal needs a reason
        owner.perform(form("/exchange/hits/releases/" + request).param("decision", "approve").with(officer(b, "owner-page-officer")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "hits.notice.approved"));
        assertThat(b.jdbc().sql("select decided_by from exchange_hit_release where request_id = ?").param(request).query(String.class).single())
                .isEqualTo("owner-page-officer");

        // The asker sees the data released, in the thread the page links to.
        TwoNodesTest.await("release on A", () -> askedViaApi(asker, id).path("requests").path(0).path("status").asText().equals("RELEASED"));
        JsonNode released = askedViaApi(asker, id).path("requests").path(0);
        assertThat(released.path("entities").asInt()).isEqualTo(1);
        String thread = released.path("thread").asText();
        String mine = mvc(a).perform(page("/exchange/hits").param("lang", "en").with(officer(a, "asker-page-officer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mine).contains("query-" + id).contains(ref).contains("data released").contains("/exchange/threads/" + thread);
        UUID reply = a.jdbc().sql("select message_id from exchange_inbox where thread_id = ?::uuid and kind = 'REPLY'").param(thread).query(UUID.class).single();
        assertThat(mvc(a).perform(page("/exchange/threads/" + thread).param("lang", "en").with(officer(a, "asker-page-officer")))
                .andReturn().getResponse().getContentAsString()).contains("/exchange/messages/" + reply);
        assertThat(mvc(a).perform(page("/exchange/messages/" + reply).param("lang", "en").with(officer(a, "asker-page-officer")))
                .andReturn().getResponse().getContentAsString()).contains("Arben Hoxha");

        // Asking through the page: without a justification the form comes back with the error; with one it leaves.
        MockMvc pages = mvc(a);
        pages.perform(form("/exchange/hits").param("partner", "node-b").param("kind", "PHONE").param("value", "069 123 4567")
                        .param("justification", "").with(officer(a, "asker-page-officer")).with(csrf()))
                .andExpect(status().isOk()).andExpect(model().attribute("errorField", "justification"));
        pages.perform(form("/exchange/hits").param("partner", "node-b").param("kind", "PHONE").param("value", "069 123 4567")
                        .param("justification", "OPERATION OP-17").with(officer(a, "asker-page-officer")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "hits.notice.asked"));
        assertThat(a.jdbc().sql("select count(*) from exchange_hit_query where justification = 'OPERATION OP-17' and asked_by = 'asker-page-officer'")
                .query(Integer.class).single()).isEqualTo(1);
        // Only liaison officers.
        String analyst = TestTokens.accountWithToken(a.bean(UserAccounts.class), a.bean(ApiTokens.class), "asker-analyst", Role.ANALYST);
        assertThat(get(a, analyst, "/api/exchange/hits").statusCode()).isEqualTo(403);
    }

    @Test
    void anUnansweredQueryIsFlaggedOverdueUntilItsAnswerComes() throws Exception {
        String asker = token(a, "overdue-officer");
        unreachable(a, b); // B is down for A: the query waits in A's outbox
        UUID id;
        try {
            HttpResponse<String> r = post(a, asker, "/api/exchange/hits", "{\"partner\":\"node-b\",\"kind\":\"IMEI\",\"value\":\"356938035643809\",\"priority\":\"URGENT\"}",
                    "REASON PARTNER_REQUEST: check before the meeting");
            assertThat(r.statusCode()).isEqualTo(201);
            id = UUID.fromString(json(r).path("queryId").asText());
            assertThat(askedViaApi(asker, id).path("state").asText()).isEqualTo("WAITING");
            // Its deadline passes (urgent: 8 hours) with no answer.
            a.jdbc().sql("update exchange_outbox set reply_by = now() - interval '1 minute' where message_id = ?").param(id).update();
            assertThat(askedViaApi(asker, id).path("state").asText()).isEqualTo("OVERDUE");
            assertThat(a.bean(besa.exchange.ReplyDeadlines.class).owedToUs(java.time.Instant.now())).anyMatch(o -> o.messageId().equals(id));
            String page = mvc(a).perform(page("/exchange/hits").param("lang", "en").with(officer(a, "overdue-officer")))
                    .andReturn().getResponse().getContentAsString();
            assertThat(page.substring(page.indexOf("query-" + id))).contains("overdue");
        } finally {
            a.trust(b, b.port(), HandlingCode.H3); // B is back
        }
        assertThat(awaitState(asker, id, "HIT").path("ref").asText()).hasSize(24); // answered late: no longer overdue
    }

    @Test
    void aPsiRunStartedBeforeARestartOfTheRequesterCompletes() throws Exception {
        String owner = token(b, "list-owner");
        // A file with bad lines is refused whole, every bad line named.
        HttpResponse<String> bad = post(b, owner, "/api/exchange/crossmatch/lists", JSON.writeValueAsString(java.util.Map.of(
                "partner", a.id, "name", "restart-list", "method", "PSI", "csv", "kind,value\nphone,+355 69 222 0001\nphone,12\nfax,1\nimei,356938035643809\n")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(texts(json(bad).path("errors"), "line")).containsExactly("3", "4");
        assertThat(b.jdbc().sql("select count(*) from exchange_xmatch_list where name = 'restart-list'").query(Integer.class).single()).isZero();
        assertThat(post(b, owner, "/api/exchange/crossmatch/lists", JSON.writeValueAsString(java.util.Map.of("partner", a.id, "name", "restart-list",
                "method", "PSI", "csv", "phone,+355 69 222 0001\nphone,069 222 0002\nimei,356938035643809\ndocument,AL,BA 123 4567\n"))).statusCode())
                .isEqualTo(201);

        String requester = token(a, "restart-officer");
        unreachable(b, a); // B answers, but its reply waits in B's outbox
        HttpResponse<String> started = post(a, requester, "/api/exchange/crossmatch/sessions", JSON.writeValueAsString(java.util.Map.of("partner", b.id,
                "method", "PSI", "list", "restart-list", "csv", "phone,0692220002\nphone,+355692229999\ndocument,al,ba1234567\ndocument,XK,BA1234567\n")));
        assertThat(started.statusCode()).isEqualTo(201);
        UUID session = UUID.fromString(json(started).path("session").asText());
        byte[] sealed = a.jdbc().sql("select secret from exchange_xmatch_own where session_id = ?").param(session).query(byte[].class).single();
        assertThat(sealed).hasSize(1 + 12 + 32 + 16); // the exponent, sealed: version, nonce, ciphertext, tag
        TwoNodesTest.await("B received the request and queued its reply", () -> {
            b.bean(CrossMatch.class).work();
            return b.bean(CrossMatch.class).session(session, "RESPONDER").isPresent();
        });
        assertThat(b.jdbc().sql("select status from exchange_outbox where thread_id = ? and kind = 'REPLY'").param(session).query(String.class).single())
                .isEqualTo("PENDING");

        a.ctx.close(); // the requester goes down between request and reply
        a.start();
        assertThat(a.bean(CrossMatch.class).status(session)).contains("SENT");
        b.trust(a, a.port(), HandlingCode.H2); // A is back, on a new port: B's reply reaches the new context
        String requesterAgain = token(a, "restart-officer");
        TwoNodesTest.await("PSI after restart", () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(session).orElse("").equals("DONE");
        });
        JsonNode result = json(get(a, requesterAgain, "/api/exchange/crossmatch/sessions/" + session));
        assertThat(result.path("session").path("status").asText()).isEqualTo("DONE");
        assertThat(result.path("session").path("peerSize").asInt()).isEqualTo(16); // B's 4 identifiers, padded
        assertThat(result.path("session").path("sentSize").asInt()).isEqualTo(16);
        assertThat(texts(result.path("matches"), "ownRecord")).containsExactlyInAnyOrder("PHONE +355692220002", "DOCUMENT AL:BA1234567");
        assertThat(a.jdbc().sql("select secret is null from exchange_xmatch_own where session_id = ?").param(session).query(Boolean.class).single())
                .as("the exponent is dropped once the run ended").isTrue();
        assertThat(a.auditCount(AuditAction.CONSULTATION, AuditOutcome.SUCCESS, "cross-match " + session + " results (PSI, 2 matches)", "")).isEqualTo(1);
    }

    @Test
    void clkSecretsAreEncryptedAtRestAndARunGoesThroughTheApiAndPages() throws Exception {
        String officerA = token(a, "clk-officer-a");
        String officerB = token(b, "clk-officer-b");
        HttpResponse<String> generated = post(a, officerA, "/api/exchange/crossmatch/secrets/" + b.id, "");
        assertThat(generated.statusCode()).isEqualTo(200);
        byte[] secret = java.util.Base64.getDecoder().decode(json(generated).path("secret").asText());
        assertThat(secret).hasSize(32);
        assertThat(json(get(a, officerA, "/api/exchange/crossmatch/secrets/" + b.id)).has("secret")).isFalse(); // shown once only
        HttpResponse<String> tooShort = post(b, officerB, "/api/exchange/crossmatch/secrets/" + a.id, "{\"secret\":\"AAAA\"}");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(json(tooShort).path("field").asText()).isEqualTo("secret");
        assertThat(post(b, officerB, "/api/exchange/crossmatch/secrets/" + a.id, "{\"secret\":\"" + java.util.Base64.getEncoder().encodeToString(secret) + "\"}")
                .statusCode()).isEqualTo(200);
        // Stored sealed under each node's own key file: not the secret, not containing it, different on both sides.
        byte[] storedA = a.jdbc().sql("select secret from exchange_clk_secret where partner_id = ?").param(b.id).query(byte[].class).single();
        byte[] storedB = b.jdbc().sql("select secret from exchange_clk_secret where partner_id = ?").param(a.id).query(byte[].class).single();
        for (byte[] stored : List.of(storedA, storedB)) {
            assertThat(stored).hasSize(1 + 12 + 32 + 16).isNotEqualTo(secret);
            assertThat(java.util.Collections.indexOfSubList(asList(stored), asList(java.util.Arrays.copyOf(secret, 8)))).isEqualTo(-1);
        }
        assertThat(storedA).isNotEqualTo(storedB);
        java.nio.file.Path keyFile = a.dataDir.resolve("exchange/secrets.key");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(b.auditCount(AuditAction.CREDENTIAL_CHANGE, AuditOutcome.SUCCESS, "CLK secret for cross-matching with " + a.id, "")).isGreaterThanOrEqualTo(1);

        assertThat(post(b, officerB, "/api/exchange/crossmatch/lists", JSON.writeValueAsString(java.util.Map.of("partner", a.id, "name", "clk-api",
                "method", "CLK", "csv", "given,father,surname,birthDate\nDritan,Petrit,Leka,1979-11-02\n\"Арбен\",Ѓерѓ,Хоџа,12.03.1985\n"))).statusCode())
                .isEqualTo(201);
        // Our side from the page, as an uploaded file; a bad file first, every bad line on the page.
        MockMvc pages = mvc(a);
        String refused = pages.perform(multipart("/exchange/crossmatch/sessions").file(new MockMultipartFile("file", "ours.csv", "text/csv",
                                "Arben,Gjergj,Hoxha,1985-03-12\nIlir,,,1988-07-21\nBesnik,Kujtim,Shehu,someday\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .param("partner", b.id).param("method", "CLK").param("list", "clk-api").param("lang", "en")
                        .with(officer(a, "clk-page-officer")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("line 2: given name and surname are required").contains("line 3: &#39;someday&#39; is not a birth date");
        String location = pages.perform(multipart("/exchange/crossmatch/sessions").file(new MockMultipartFile("file", "ours.csv", "text/csv",
                                "Arben,Gjergj,Hoxha,1985-03-12\nBesnik,Kujtim,Shehu,1975-01-15\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .param("partner", b.id).param("method", "CLK").param("list", "clk-api").with(officer(a, "clk-page-officer")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID session = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        TwoNodesTest.await("CLK via pages", () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(session).orElse("").equals("DONE");
        });
        String result = pages.perform(page("/exchange/crossmatch/" + session).param("lang", "en").with(officer(a, "clk-page-officer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(result).contains("1 matches").contains("Arben Gjergj Hoxha, 1985-03-12").doesNotContain("Besnik");
        JsonNode api = json(get(a, officerA, "/api/exchange/crossmatch/sessions/" + session));
        // The pair names a place in B's reply; B maps it back to the second record of its list.
        assertThat(b.bean(CrossMatch.class).recordAt(session, api.path("matches").path(0).path("peer").asInt())).hasValue(1);
        assertThat(api.path("matches").path(0).path("dice").asDouble()).isGreaterThanOrEqualTo(0.82);
        assertThat(texts(json(get(a, officerA, "/api/exchange/crossmatch/sessions")), "id")).contains(session.toString());
        // Our side may also be one of our own lists, chosen instead of uploaded.
        assertThat(post(a, officerA, "/api/exchange/crossmatch/lists", JSON.writeValueAsString(java.util.Map.of("partner", b.id, "name", "our-persons",
                "method", "CLK", "csv", "Arben,Gjergj,Hoxha,1985-03-12\n"))).statusCode()).isEqualTo(201);
        HttpResponse<String> chosen = post(a, officerA, "/api/exchange/crossmatch/sessions", JSON.writeValueAsString(java.util.Map.of("partner", b.id,
                "method", "CLK", "list", "clk-api", "ownList", "our-persons", "ownListPartner", b.id)));
        assertThat(chosen.statusCode()).isEqualTo(201);
        UUID second = UUID.fromString(json(chosen).path("session").asText());
        TwoNodesTest.await("CLK with a chosen list", () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(second).orElse("").equals("DONE");
        });
        assertThat(texts(json(get(a, officerA, "/api/exchange/crossmatch/sessions/" + second)).path("matches"), "ownRecord"))
                .containsExactly("Arben Gjergj Hoxha, 1985-03-12");
        assertThat(post(a, officerA, "/api/exchange/crossmatch/sessions", JSON.writeValueAsString(java.util.Map.of("partner", b.id,
                "method", "CLK", "list", "clk-api", "ownList", "no-such-list"))).statusCode()).isEqualTo(400);
        String overview = pages.perform(page("/exchange/crossmatch").with(officer(a, "clk-page-officer"))).andReturn().getResponse().getContentAsString();
        assertThat(overview).contains("Përputhja e listave").contains(session.toString());
        // Generating on the page shows the secret once, and stores it sealed.
        String shown = pages.perform(form("/exchange/crossmatch/secrets").param("partner", b.id).param("action", "generate")
                        .with(officer(a, "clk-page-officer")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String value = shown.substring(shown.indexOf("id=\"secret-value\">") + "id=\"secret-value\">".length());
        byte[] rotated = java.util.Base64.getDecoder().decode(value.substring(0, value.indexOf('<')));
        assertThat(rotated).hasSize(32).isNotEqualTo(secret);
        assertThat(a.jdbc().sql("select secret from exchange_clk_secret where partner_id = ?").param(b.id).query(byte[].class).single())
                .isNotEqualTo(storedA).hasSize(61);
        b.bean(CrossMatch.class).setClkSecret("test", a.id, rotated); // both sides rotated, for the other tests
    }

    static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder page(String url) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url);
    }

    static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(String url) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url);
    }

    /** Every value of {@code field} anywhere below {@code node}, as text. */
    static List<String> texts(JsonNode node, String field) {
        return node.findValues(field).stream().map(JsonNode::asText).toList();
    }

    /** {@code from} sees {@code to} at a port nobody listens on: its messages wait in the outbox and are retried. */
    static void unreachable(TwoNodesTest.Node from, TwoNodesTest.Node to) throws IOException {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        from.bean(PartnerRegistry.class).save(new Partner(to.id, "Agency " + to.id, "TR", "https://127.0.0.1:" + dead, "liaison@" + to.id, true));
    }

    static List<Byte> asList(byte[] bytes) {
        List<Byte> out = new java.util.ArrayList<>();
        for (byte x : bytes) out.add(x);
        return out;
    }

    static HttpResponse<String> post(String token, String path, String json) {
        return post(b, token, path, json);
    }

    static HttpResponse<String> post(TwoNodesTest.Node n, String token, String path, String json) {
        return n.post(token, path, json);
    }

    /** With the justification in the X-Besa-Justification header, as the other APIs take it. */
    static HttpResponse<String> post(TwoNodesTest.Node n, String token, String path, String json, String justification) {
        return TwoNodesTest.Node.call(token, HttpRequest.newBuilder(n.uri(path)).header("Content-Type", "application/json").header(Justification.HEADER, justification)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> get(String token, String path) {
        return get(b, token, path);
    }

    static HttpResponse<String> get(TwoNodesTest.Node n, String token, String path) {
        return n.get(token, path);
    }


    /**
     * Benchmark, not run by default ({@code -Dbesa.bench.xmatch=true}, size {@code -Dbesa.bench.records},
     * default 10,000): a PSI of n phones against n phones (n/10 shared) and a CLK run of n persons
     * against n persons (n/10 the same persons respelled), each as one request and one reply between
     * the two nodes. Prints wall-clock times and sealed message sizes.
     */
    @Test
    void benchmarkCrossMatchBetweenNodes() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("besa.bench.xmatch"), "benchmark only on request");
        int n = Integer.getInteger("besa.bench.records", 10_000);
        List<Identifier> mine = new java.util.ArrayList<>();
        List<Identifier> theirs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            mine.add(phone(String.format("+355691%06d", i)));
            theirs.add(phone(String.format("+355681%06d", i)));
        }
        for (int i = 0; i < n / 10; i++) theirs.set(i, phone(String.format("+355691%06d", i * 3)));
        b.bean(CrossMatch.class).offerIdentifiers("liaison1", a.id, "bench-phones", theirs);
        long t0 = System.nanoTime();
        UUID psi = a.bean(CrossMatch.class).startPsi("liaison1", b.id, "bench-phones", mine);
        TwoNodesTest.await("PSI bench", java.time.Duration.ofMinutes(20), () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(psi).orElse("").equals("DONE");
        });
        double psiSeconds = (System.nanoTime() - t0) / 1e9;
        int expected = (int) java.util.stream.IntStream.range(0, n / 10).filter(i -> i * 3 < n).count();
        assertThat(a.bean(CrossMatch.class).intersection(psi)).hasSize(expected);

        String[] given = {"Arben", "Dritan", "Ilir", "Besnik", "Gentian", "Mirela", "Elira", "Fatjon", "Klodian", "Ermal"};
        String[] surnames = {"Hoxha", "Krasniqi", "Leka", "Shehu", "Dervishi", "Gjoka", "Marku", "Brahimi", "Kola", "Rama", "Basha", "Duka"};
        java.util.Random rnd = new java.util.Random(7);
        List<ClkRecord> ours = new java.util.ArrayList<>();
        List<ClkRecord> peer = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ours.add(new ClkRecord(given[rnd.nextInt(given.length)], given[rnd.nextInt(given.length)], surnames[rnd.nextInt(surnames.length)] + (i % 97),
                    String.format("%d-%02d-%02d", 1950 + rnd.nextInt(50), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28))));
            peer.add(new ClkRecord(given[rnd.nextInt(given.length)], given[rnd.nextInt(given.length)], surnames[rnd.nextInt(surnames.length)] + (i % 89),
                    String.format("%d-%02d-%02d", 1950 + rnd.nextInt(50), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28))));
        }
        for (int i = 0; i < n / 10; i++) {
            ClkRecord o = ours.get(i * 7 % n);
            peer.set(i, new ClkRecord(o.givenName().toUpperCase(), o.fatherName(), o.surname().replace("i", "y"), o.dateOfBirth()));
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        a.bean(CrossMatch.class).setClkSecret("liaison1", b.id, secret);
        b.bean(CrossMatch.class).setClkSecret("liaison1", a.id, secret);
        b.bean(CrossMatch.class).offerPersons("liaison1", a.id, "bench-persons", peer);
        long t1 = System.nanoTime();
        UUID clk = a.bean(CrossMatch.class).startClk("liaison1", b.id, "bench-persons", ours);
        TwoNodesTest.await("CLK bench", java.time.Duration.ofMinutes(20), () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(clk).orElse("").equals("DONE");
        });
        double clkSeconds = (System.nanoTime() - t1) / 1e9;
        long planted = a.bean(CrossMatch.class).pairs(clk).stream().filter(p -> p.peer() < n / 10 && p.own() == p.peer() * 7 % n).count();
        java.util.function.Function<String, Integer> size = sql -> a.jdbc().sql(sql).query(Integer.class).single();
        System.out.printf("XMATCH-BENCH n=%d PSI %.1f s (intersection %d), request %d B, response %d B; CLK %.1f s, pairs %d, planted found %d of %d, response %d B%n",
                n, psiSeconds, expected,
                a.jdbc().sql("select length(jwe) from exchange_outbox where thread_id = ? and kind = 'REQUEST'").param(psi).query(Integer.class).single(),
                b.jdbc().sql("select length(jwe) from exchange_outbox where thread_id = ?").param(psi).query(Integer.class).single(),
                clkSeconds, a.bean(CrossMatch.class).pairs(clk).size(), planted, n / 10,
                b.jdbc().sql("select length(jwe) from exchange_outbox where thread_id = ?").param(clk).query(Integer.class).single());
        assertThat(planted).isGreaterThan(n / 20);
    }

    static Identifier phone(String raw) {
        return Identifier.phone(raw).orElseThrow();
    }


    /**
     * Material a third partner sent B never answers A's hit query (a hit would pass on that B holds it); what A itself
     * sent B may. Both arrive through the real inbox and receiving side.
     */
    @Test
    void anotherPartnersMaterialNeverAnswersAHitQueryButTheAskersOwnMay() throws Exception {
        var c = besa.exchange.node.NodeIdentity.loadOrCreate("node-c", "Agency C", TwoNodesTest.root.resolve("node-c-hits"), List.of("localhost"),
                java.time.Clock.systemUTC());
        PartnerRegistry rb = b.bean(PartnerRegistry.class);
        rb.save(new besa.exchange.partner.Partner("node-c", "Agency C", "DE", "https://127.0.0.1:9", "", true));
        rb.addCertificate("node-c", c.tlsCertificate());
        for (var k : c.publicKeys().getKeys()) rb.addKey("node-c", k);
        rb.saveAgreement(new Agreement("node-c", EnumSet.of(Category.PERSON), "MoU 2025/3", HandlingCode.H3, true));
        java.time.Instant now = java.time.Instant.now();
        var fromC = new besa.exchange.envelope.Message(UUID.randomUUID(), "node-c", b.id, besa.exchange.envelope.MessageKind.INFORMATION,
                UUID.randomUUID(), besa.exchange.envelope.Priority.ROUTINE, null, now, now.plus(java.time.Duration.ofDays(1)),
                UUID.randomUUID().toString().replace("-", ""), "MoU 2025/3", true, new Payload("", List.of(new SharedEntity("c-ph", "Phone",
                        Category.PERSON, "", List.of(new SharedStatement("number", "+355 69 555 1212", "C", "c-case", "law", "B2", HandlingCode.H0))))));
        String jwe = new besa.exchange.envelope.Envelopes(c, rb, java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5))
                .seal(fromC, b.bean(besa.exchange.node.NodeIdentity.class).encryptionKey());
        assertThat(b.bean(Inbox.class).accept("node-c", jwe, "127.0.0.1")).isInstanceOf(Inbox.Accepted.class);
        UUID fromA = a.bean(besa.exchange.Exchange.class).send("liaison1", new besa.exchange.Outgoing(b.id, besa.exchange.envelope.MessageKind.INFORMATION,
                null, besa.exchange.envelope.Priority.ROUTINE, null, new Payload("", List.of(new SharedEntity("a-ph", "Phone", Category.PERSON, "",
                        List.of(new SharedStatement("number", "+355 69 444 3434", "ASP", "case", "law", "B2", HandlingCode.H0)))))));
        TwoNodesTest.await("delivered", () -> a.status(fromA).equals("DELIVERED"));
        b.bean(besa.exchange.messages.Received.class).storePending();
        assertThat(b.jdbc().sql("select count(*) from search_key where kind = 'phone' and key in ('+355695551212', '+355694443434')")
                .query(Integer.class).single()).isEqualTo(2); // both searchable on B

        Hits hits = a.bean(Hits.class);
        UUID others = ask(hits, HitQuery.of(HitQuery.Kind.PHONE, "069 555 1212", null));
        UUID own = ask(hits, HitQuery.of(HitQuery.Kind.PHONE, "069 444 3434", null));
        assertThat(answer(others).outcome()).isEqualTo(Hits.Outcome.NO_HIT);
        assertThat(answer(own).outcome()).isEqualTo(Hits.Outcome.HIT);
    }

    // ---- findings of the exchange review: what answers a person query, what a release sends

    /** Writes a statement of another partner's material (as the receiving side stores it) with the search keys it gives. */
    static void partnerStatement(String entity, String prop, String value, String partner) {
        b.bean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(t -> {
            b.jdbc().sql("select set_config('besa.exchange_receive', 'on', true)").query(String.class).single(); // as Received writes
            b.bean(IntelStore.class).addSource(new Source("exchange:" + partner, "Agency " + partner, partner, "MoU 2025/3"));
            b.jdbc().sql("""
                    insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade, handling)
                    values (?, ?, ?, ?, ?, ?, 'MoU 2025/3', 'B', 2, 0)""").params(entity, prop, value, value, "exchange:" + partner, partner).update();
            for (var k : besa.intel.model.PropertyType.NAME.searchKeys(value)) {
                b.jdbc().sql("insert into search_key (entity_id, kind, key) values (?, ?, ?) on conflict do nothing").params(entity, k.kind(), k.key()).update();
            }
        });
    }

    /**
     * A person answers only from a name the answer may rest on: one the asker's agreement allows and not another
     * partner's material. The search keys of the other names (kept per entity) must not make a hit.
     */
    @Test
    void aPersonHitRestsOnANameOfOursWithinTheAgreement() {
        IntelStore store = b.bean(IntelStore.class);
        Provenance h0 = new Provenance("asp-case", "r7", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H0, null);
        Provenance h3 = new Provenance("asp-case", "r8", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H3, null);
        store.save(List.of(
                new EntityRecord("px1", EntityType.Person, List.of(new Statement("px1", "alias", "Zef Marku", "Zef Marku", h0),
                        new Statement("px1", "birthDate", "1979-05-02", "02.05.1979", h0))),
                new EntityRecord("px2", EntityType.Person, List.of(new Statement("px2", "name", "Besnik Gashi", "Besnik Gashi", h3),
                        new Statement("px2", "alias", "Tom Lleshi", "Tom Lleshi", h0), new Statement("px2", "birthDate", "1981-07-09", "09.07.1981", h0)))));
        partnerStatement("px1", "name", "Luan Brahimi", "node-c"); // a third partner's name for our person, no onward transfer
        Hits hits = a.bean(Hits.class);
        UUID others = ask(hits, HitQuery.of(HitQuery.Kind.PERSON, "Luan Brahimi", "1979-05-02"));
        UUID above = ask(hits, HitQuery.of(HitQuery.Kind.PERSON, "Besnik Gashi", "1981-07-09")); // only under H3, A's maximum is H2
        UUID own = ask(hits, HitQuery.of(HitQuery.Kind.PERSON, "Zef Marku", "1979-05-02"));
        UUID ownOther = ask(hits, HitQuery.of(HitQuery.Kind.PERSON, "Tom Lleshi", "1981-07-09"));
        assertThat(answer(others).outcome()).isEqualTo(Hits.Outcome.NO_HIT);
        assertThat(answer(above).outcome()).isEqualTo(Hits.Outcome.NO_HIT);
        assertThat(answer(own).outcome()).isEqualTo(Hits.Outcome.HIT);
        assertThat(answer(ownOther).outcome()).isEqualTo(Hits.Outcome.HIT);
    }

    /** A hit on {@code q} for A, and A's data request for it registered on B. */
    static UUID dataRequest(HitQuery q) {
        Hits.Answer hit = answer(ask(a.bean(Hits.class), q));
        assertThat(hit.outcome()).isEqualTo(Hits.Outcome.HIT);
        UUID request = a.bean(Hits.class).requestData("liaison1", b.id, hit.ref(), "case 2026/91");
        TwoNodesTest.await("request registered", () -> {
            b.bean(Hits.class).work();
            return b.bean(Hits.class).pendingReleases().stream().anyMatch(x -> x.requestId().equals(request));
        });
        return request;
    }

    static String releaseStatus(UUID request) {
        return b.jdbc().sql("select status from exchange_hit_release where request_id = ?").param(request).query(String.class).single();
    }

    /**
     * A release is read through the approver's own scope: what he may not read, and what sits in a compartment or
     * vetting file, is refused (audited, the request stays pending); the caption comes from what leaves; the decision
     * is recorded only once the reply is queued; each entity goes under its own category.
     */
    @Test
    void aReleaseSendsOnlyWhatTheApproverMayReadCaptionedFromWhatLeaves() throws Exception {
        IntelStore store = b.bean(IntelStore.class);
        Provenance h0 = new Provenance("asp-case", "r9", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H0, null);
        Provenance h1 = new Provenance("asp-case", "r10", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H1, null);
        Provenance h3 = new Provenance("asp-case", "r11", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H3, null);
        String md5 = besa.intel.model.PropertyType.IDENTIFIER.clean("d41d8cd98f00b204e9800998ecf8427e");
        store.save(List.of(
                new EntityRecord("pr1", EntityType.Person, List.of(new Statement("pr1", "name", "Secret Name", "Secret Name", h3),
                        new Statement("pr1", "alias", "Drin Kola", "Drin Kola", h0), new Statement("pr1", "firstName", "Drin", "Drin", h0),
                        new Statement("pr1", "lastName", "Kola", "Kola", h0), new Statement("pr1", "birthDate", "1990-02-02", "02.02.1990", h0))),
                new EntityRecord("pr2", EntityType.Person, List.of(new Statement("pr2", "alias", "Gent Rama", "Gent Rama", h0),
                        new Statement("pr2", "birthDate", "1991-03-03", "03.03.1991", h0))),
                new EntityRecord("pr3", EntityType.Person, List.of(new Statement("pr3", "alias", "Vera Hasa", "Vera Hasa", h1),
                        new Statement("pr3", "birthDate", "1992-04-04", "04.04.1992", h1))),
                new EntityRecord("ob1", EntityType.Observable, List.of(new Statement("ob1", "md5", md5, md5, h0)))));
        assertThat(b.jdbc().sql("select caption from entity where id = 'pr1'").query(String.class).single()).isEqualTo("Secret Name");
        UUID captioned = dataRequest(HitQuery.of(HitQuery.Kind.PERSON, "Drin Kola", "1990-02-02"));
        UUID compartmented = dataRequest(HitQuery.of(HitQuery.Kind.PERSON, "Gent Rama", "1991-03-03"));
        restrict("pr2"); // moved into a compartment after the hit was answered, before the release
        assertThat(answer(ask(a.bean(Hits.class), HitQuery.of(HitQuery.Kind.PERSON, "Gent Rama", "1991-03-03"))).outcome())
                .as("a compartmented entity answers no hit").isEqualTo(Hits.Outcome.NO_HIT);
        UUID aboveLow = dataRequest(HitQuery.of(HitQuery.Kind.PERSON, "Vera Hasa", "1992-04-04"));
        UUID indicator = dataRequest(HitQuery.of(HitQuery.Kind.ACCOUNT, "d41d8cd98f00b204e9800998ecf8427e", null));
        String officer = token(b, "release-officer");
        String low = token(b, "release-low");
        b.jdbc().sql("update app_user set clearance = 0 where username = 'release-low'").update();

        // The page shows the approver what would leave, as he may read it.
        String page = mvc(b).perform(page("/exchange/hits/releases").param("lang", "en").with(officer(b, "release-page-officer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("leaving-" + captioned).contains("Approving sends 1 entities with 4 statements").contains("Drin Kola")
                .doesNotContain("Secret Name").contains("You cannot release this");

        // In a compartment: refused whatever the approver's clearance, audited, still pending.
        HttpResponse<String> refused = post(b, officer, "/api/exchange/hits/releases/" + compartmented + "/approve", "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("detail").asText()).contains("compartment");
        assertThat(releaseStatus(compartmented)).isEqualTo("PENDING");
        assertThat(b.auditCount(AuditAction.DECISION, AuditOutcome.DENIED, "hit data request " + compartmented + " approval refused", "compartment"))
                .isEqualTo(1);
        // Above the approver's clearance: refused to him, released by an officer who may read it.
        HttpResponse<String> unreadable = post(b, low, "/api/exchange/hits/releases/" + aboveLow + "/approve", "");
        assertThat(unreadable.statusCode()).isEqualTo(403);
        assertThat(json(unreadable).path("detail").asText()).contains("not readable to you");
        assertThat(releaseStatus(aboveLow)).isEqualTo("PENDING");
        assertThat(post(b, officer, "/api/exchange/hits/releases/" + aboveLow + "/approve", "").statusCode()).isEqualTo(200);

        // The agreement narrows before the approval: the send is refused, and no approval is on record.
        PartnerRegistry r = b.bean(PartnerRegistry.class);
        r.saveAgreement(new Agreement(a.id, EnumSet.of(Category.CYBER_INDICATOR), "Agreement 2024/7 art. 5", HandlingCode.H2, false));
        try {
            assertThat(post(b, officer, "/api/exchange/hits/releases/" + captioned + "/approve", "").statusCode()).isEqualTo(403);
        } finally {
            r.saveAgreement(new Agreement(a.id, EnumSet.of(Category.PERSON, Category.CYBER_INDICATOR), "Agreement 2024/7 art. 5", HandlingCode.H2, false));
        }
        assertThat(releaseStatus(captioned)).isEqualTo("PENDING");
        assertThat(b.auditCount(AuditAction.DECISION, AuditOutcome.SUCCESS, "hit data request " + captioned + " approved", "")).isZero();
        assertThat(b.auditCount(AuditAction.DECISION, AuditOutcome.DENIED, "hit data request " + captioned + " approval failed", "")).isEqualTo(1);

        // Approved: the caption from the statements that leave, not the stored one (from the H3 name).
        assertThat(post(b, officer, "/api/exchange/hits/releases/" + captioned + "/approve", "").statusCode()).isEqualTo(200);
        assertThat(b.auditCount(AuditAction.DECISION, AuditOutcome.SUCCESS, "hit data request " + captioned + " approved", "1 entities, 4 statements"))
                .isEqualTo(1);
        Hits asker = a.bean(Hits.class);
        TwoNodesTest.await("release delivered", () -> asker.released(captioned).isPresent());
        SharedEntity person = asker.released(captioned).orElseThrow().entities().getFirst();
        assertThat(person.caption()).isEqualTo("Drin Kola");
        assertThat(person.statements()).extracting(SharedStatement::value).doesNotContain("Secret Name");
        assertThat(post(b, officer, "/api/exchange/hits/releases/" + indicator + "/approve", "").statusCode()).isEqualTo(200);
        TwoNodesTest.await("indicator delivered", () -> asker.released(indicator).isPresent());
        assertThat(asker.released(indicator).orElseThrow().entities()).extracting(SharedEntity::category).containsExactly(Category.CYBER_INDICATOR);
    }

    /** A PSI run that never gets a reply ends at its reply deadline, and its sealed exponent goes with it. */
    @Test
    void aCrossMatchRunWithoutAReplyEndsAtItsDeadlineAndDropsItsSecret() throws Exception {
        unreachable(a, b);
        try {
            CrossMatch xm = a.bean(CrossMatch.class);
            UUID session = xm.startPsi("expiry-officer", b.id, "never-offered", List.of(phone("+355 69 333 0001")));
            java.time.Instant now = java.time.Instant.now();
            assertThat(xm.expire(now)).isZero();
            assertThat(a.jdbc().sql("select secret is not null from exchange_xmatch_own where session_id = ?").param(session).query(Boolean.class).single())
                    .isTrue();
            assertThat(xm.expire(now.plus(java.time.Duration.ofDays(8)))).isEqualTo(1); // ROUTINE: a reply within 7 days
            assertThat(xm.status(session)).contains("LOST");
            assertThat(a.jdbc().sql("select secret is null and key_version is null from exchange_xmatch_own where session_id = ?").param(session)
                    .query(Boolean.class).single()).isTrue();
            assertThat(a.auditCount(AuditAction.COLLECTION, AuditOutcome.FAILED, "cross-match " + session + " with " + b.id + ": LOST", "no reply"))
                    .isEqualTo(1);
            assertThat(xm.expire(now.plus(java.time.Duration.ofDays(8)))).isZero(); // once
        } finally {
            a.trust(b, b.port(), HandlingCode.H3);
        }
    }
}
