package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Justification;
import besa.access.Role;
import besa.access.TestLogins;
import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.exchange.envelope.Priority;
import besa.exchange.hit.CrossMatch;
import besa.exchange.hit.HitQuery;
import besa.exchange.hit.Hits;
import besa.exchange.partner.HandlingCode;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.match.privacy.Identifier;
import besa.platform.db.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Per-partner limits on hit queries and cross-matching between two real nodes ({@link TwoNodesTest}'s fixture). Node B
 * lets node A ask 3 hit queries an hour (a per-partner setting) and run 3 cross-matches a day (the default there):
 * beyond that A gets the same refusal whatever it asks, B raises one security alert per window, shows the partner on
 * its hits page, and still refuses after a restart (the counts are B's stored rows).
 */
class PartnerLimitsBetweenNodesTest {
    static TwoNodesTest.Node a;
    static TwoNodesTest.Node b;

    @BeforeAll
    static void startNodes() throws IOException {
        TwoNodesTest.root = Files.createTempDirectory("besa-limits");
        TwoNodesTest.root.toFile().setExecutable(true, false);
        TwoNodesTest.pg = EmbeddedPostgres.start(TwoNodesTest.root.resolve("postgres"), false);
        a = new TwoNodesTest.Node("node-a");
        b = new TwoNodesTest.Node("node-b", "--besa.exchange.limits.partner.node-a.hit-queries-per-hour=3", "--besa.exchange.limits.xmatch-runs-per-day=3");
        a.trust(b, b.port(), HandlingCode.H3);
        b.trust(a, a.port(), HandlingCode.H2);
        IntelStore store = b.bean(IntelStore.class);
        store.saveSource(new Source("asp-case", "ASP case file", "ASP", "Law 108/2014 art. 7"));
        Provenance h0 = new Provenance("asp-case", "r1", "ASP", "Law 108/2014 art. 7", null, null, Grading.parse("B2"), Handling.H0, null);
        store.save(List.of(new EntityRecord("ph1", EntityType.Phone, List.of(new Statement("ph1", "number", "+355691234567", "069 123 4567", h0)))));
    }

    @AfterAll
    static void stopNodes() {
        if (a != null && a.ctx != null) a.ctx.close();
        if (b != null && b.ctx != null) b.ctx.close();
        if (TwoNodesTest.pg != null) TwoNodesTest.pg.close();
    }

    static UUID ask(String phone) {
        return a.bean(Hits.class).ask("liaison1", b.id, HitQuery.of(HitQuery.Kind.PHONE, phone, null), Priority.HIGH, Justification.parse("CASE 2026/88"), "");
    }

    static Hits.Answer answer(UUID query) {
        TwoNodesTest.await("answer to " + query, () -> {
            b.bean(Hits.class).work();
            return a.bean(Hits.class).answer(query).isPresent();
        });
        return a.bean(Hits.class).answer(query).orElseThrow();
    }

    /** The answer's body as A received it, without the query id (the one field that differs between queries). */
    static String body(UUID query) {
        return a.jdbc().sql("""
                select i.message->'payload'->>'note' from exchange_inbox i join exchange_outbox o on o.thread_id = i.thread_id
                where o.message_id = ? and i.kind = 'HIT_ANSWER'""").param(query).query(String.class).single().replace(query.toString(), "<query>");
    }

    static String sealedLength(UUID query) {
        return b.jdbc().sql("select length(o.jwe)::text from exchange_outbox o join exchange_hit_received r on r.answer_id = o.message_id where r.message_id = ?")
                .param(query).query(String.class).single();
    }

    static long alerts(String what) {
        return b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, what, "");
    }

    @Test
    void hitQueriesOverTheLimitGetTheSameRefusalOneAlertAndStayRefusedAfterARestart() throws Exception {
        // Within the limit: answered as always.
        assertThat(answer(ask("069 123 4567")).outcome()).isEqualTo(Hits.Outcome.HIT);
        assertThat(answer(ask("+355 68 000 0001")).outcome()).isEqualTo(Hits.Outcome.NO_HIT);
        UUID third = ask("+355 68 000 0002");
        assertThat(answer(third).outcome()).isEqualTo(Hits.Outcome.NO_HIT);

        // Over it: a phone B holds, one it does not, and a person: one and the same answer, sealed to the same length.
        List<UUID> over = List.of(ask("069 123 4567"), ask("+355 68 000 0003"),
                a.bean(Hits.class).ask("liaison1", b.id, HitQuery.of(HitQuery.Kind.PERSON, "Arben Hoxha", "1985-03-12"), Priority.HIGH,
                        Justification.parse("CASE 2026/88"), ""));
        for (UUID q : over) {
            Hits.Answer ans = answer(q);
            assertThat(ans.outcome()).isEqualTo(Hits.Outcome.LIMITED);
            assertThat(ans.ref()).isEmpty();
        }
        assertThat(over.stream().map(PartnerLimitsBetweenNodesTest::body).distinct().toList()).hasSize(1);
        assertThat(over.stream().map(PartnerLimitsBetweenNodesTest::sealedLength).distinct().toList()).containsExactly(sealedLength(third));
        assertThat(a.bean(Hits.class).asked(over.get(0)).orElseThrow().state()).isEqualTo(Hits.State.LIMITED);
        // Nothing was looked up for them: no reference for the phone B holds.
        assertThat(b.jdbc().sql("select count(*) from exchange_hit_reference where query_id = ?").param(over.get(0)).query(Integer.class).single()).isZero();
        // One alert for the hour, naming the partner and the limit; every refusal remembered.
        assertThat(alerts("over its limit of 3 hit queries per hour")).isEqualTo(1);
        assertThat(b.audit().stream().filter(e -> e.action() == AuditAction.SECURITY_ALERT && e.target().contains("hit query " + over.get(0)))
                .allMatch(e -> e.recipient().equals(a.id))).isTrue();
        assertThat(b.jdbc().sql("select count(*) from exchange_limit_refusal where partner_id = ? and kind = 'HIT_QUERY'").param(a.id)
                .query(Integer.class).single()).isEqualTo(3);

        // The liaison officers' page on B shows A over its limit, in both languages.
        var mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) b.ctx).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        String en = mvc.perform(MockMvcRequestBuilders.get("/exchange/hits").param("lang", "en").with(TestLogins.account(b.jdbc(), "limits-officer",
                Role.LIAISON_OFFICER))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Partners over their limits").contains("over-node-a-HIT_QUERY").contains("3 hit queries an hour");
        String sq = mvc.perform(MockMvcRequestBuilders.get("/exchange/hits").with(TestLogins.account(b.jdbc(), "limits-officer", Role.LIAISON_OFFICER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("Partnerë mbi kufijtë e tyre").contains("3 pyetje ka/s&#39;ka në orë");

        // B restarts: the count is in its rows, so A is still over the limit, and the hour's alert is not raised again.
        b.ctx.close();
        b.start();
        a.trust(b, b.port(), HandlingCode.H3); // B is back on a new port
        UUID after = ask("069 123 4567");
        assertThat(answer(after).outcome()).isEqualTo(Hits.Outcome.LIMITED);
        assertThat(body(after)).isEqualTo(body(over.get(0)));
        assertThat(alerts("over its limit of 3 hit queries per hour")).isEqualTo(1);

        // An hour later (B's rows moved back by two hours): A may ask again, and the next hour's first refusal is
        // alerted again, counting the refusals since the last alert.
        b.jdbc().sql("update exchange_inbox set received_at = received_at - interval '2 hours' where partner_id = ? and kind = 'HIT_QUERY'")
                .param(a.id).update();
        b.jdbc().sql("update exchange_limit_refusal set received_at = received_at - interval '2 hours' where partner_id = ?").param(a.id).update();
        for (int i = 0; i < 3; i++) assertThat(answer(ask("+355 68 000 001" + i)).outcome()).isEqualTo(Hits.Outcome.NO_HIT);
        assertThat(answer(ask("069 123 4567")).outcome()).isEqualTo(Hits.Outcome.LIMITED);
        assertThat(alerts("over its limit of 3 hit queries per hour")).isEqualTo(2);
        assertThat(b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "over its limit of 3 hit queries per hour",
                "refused without an alert since the last one: 3")).isEqualTo(1);
    }

    @Test
    void crossMatchRunsOverTheLimitAreRefusedAlikeWithOneAlert() {
        List<Identifier> theirs = List.of(phone("0691110002"), phone("+355 69 999 0001"), phone("+355 69 999 0002"));
        b.bean(CrossMatch.class).offerIdentifiers("liaison1", a.id, "limited-list", theirs);
        List<Identifier> ours = List.of(phone("+355 69 111 0002"), phone("+355 69 111 0009"));
        List<UUID> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID s = a.bean(CrossMatch.class).startPsi("liaison1", b.id, "limited-list", ours);
            TwoNodesTest.await("run " + i + " answered", () -> {
                b.bean(CrossMatch.class).work();
                a.bean(CrossMatch.class).work();
                return !a.bean(CrossMatch.class).status(s).orElse("SENT").equals("SENT");
            });
            runs.add(s);
        }
        // Three a day: the first three run (with the intersection), the others are refused, with the same reason.
        for (UUID s : runs.subList(0, 3)) {
            assertThat(a.bean(CrossMatch.class).status(s)).contains("DONE");
            assertThat(a.bean(CrossMatch.class).intersection(s)).containsExactly(phone("+355691110002"));
        }
        for (UUID s : runs.subList(3, 5)) {
            assertThat(a.bean(CrossMatch.class).status(s)).contains("REFUSED");
            assertThat(a.bean(CrossMatch.class).intersection(s)).isEmpty();
            assertThat(b.bean(CrossMatch.class).session(s, "RESPONDER").orElseThrow().status()).isEqualTo("LIMITED");
        }
        assertThat(runs.subList(3, 5).stream().map(s -> a.jdbc().sql("""
                select (message->'payload'->>'note')::jsonb->>'reason' from exchange_inbox where thread_id = ? and kind = 'REPLY'""")
                .param(s).query(String.class).single()).distinct().toList()).containsExactly("over the agreed limit of cross-matching; ask again later");
        assertThat(alerts("over its limit of 3 cross-match runs per day")).isEqualTo(1);
    }

    static Identifier phone(String raw) {
        return Identifier.phone(raw).orElseThrow();
    }
}
