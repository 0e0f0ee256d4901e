package besa.exchange;

import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import com.nimbusds.jose.jwk.JWK;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Running a node: a liaison officer can hand a partner exactly what it needs to register this node
 * (and nothing private); operations see the outbox backlog and overdue requests as metrics.
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-test", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.bulk-threshold=3",
        "besa.exchange.store-received=1h"})
@AutoConfigureMockMvc
class ExchangeOperationsTest {
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-this-node-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired NodeIdentity me;
    @Autowired Exchange exchange;
    @Autowired PartnerRegistry registry;
    @Autowired ReplyDeadlines deadlines;
    @Autowired MeterRegistry meters;

    @Test
    void givesTheCertificateAndPublicKeysAPartnerRegistersAndNoPrivatePart() throws Exception {
        var liaison = account(jdbc, "liaison-node", Role.LIAISON_OFFICER);
        String json = mvc.perform(get("/api/exchange/node").with(liaison)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode node = JsonMapper.builder().build().readTree(json);
        assertThat(node.get("nodeId").asString()).isEqualTo("asp-test");
        assertThat(node.get("port").asInt()).isPositive();
        var cert = Certificates.fromPem(node.get("certificate").asString());
        assertThat(Certificates.fingerprint(cert)).isEqualTo(node.get("certificateSha256").asString()).isEqualTo(Certificates.fingerprint(me.tlsCertificate()));

        String file = mvc.perform(get("/exchange/node/keys.json").with(liaison)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JWKSet set = JWKSet.parse(file);
        assertThat(set.getKeys()).extracting(JWK::getKeyID).contains(me.signingKey().getKeyID(), me.encryptionKey().getKeyID());
        assertThat(set.getKeys()).allMatch(k -> !k.isPrivate());
        assertThat(file).doesNotContain("\"d\"");
        String pem = mvc.perform(get("/exchange/node/certificate.pem").with(liaison)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Certificates.fingerprint(Certificates.fromPem(pem))).isEqualTo(Certificates.fingerprint(me.tlsCertificate()));

        var analyst = account(jdbc, "analyst-node", Role.ANALYST);
        mvc.perform(get("/api/exchange/node").with(analyst)).andExpect(status().isForbidden());
        mvc.perform(get("/exchange/node/keys.json").with(analyst)).andExpect(status().isForbidden());
    }

    @Test
    void theOutboxBacklogAndOverdueRequestsAreMetrics() {
        String id = "unreachable-metrics";
        TestPartners.register(registry, keys, "Agency", "XK", new Agreement(id, EnumSet.of(Category.PERSON), "MoU", HandlingCode.H1, false));
        double pendingBefore = gauge("besa.exchange.outbox.pending", null);
        double overdueBefore = gauge("besa.exchange.overdue", "to-us");

        // A request whose deadline has passed, to a partner that cannot be reached: pending and overdue.
        exchange.send("liaison-metrics", new Outgoing(id, MessageKind.REQUEST, null, Priority.URGENT,
                Instant.now().minus(Duration.ofHours(1)), new Payload("are you there?", List.of())));

        assertThat(gauge("besa.exchange.outbox.pending", null)).isEqualTo(pendingBefore + 1)
                .isEqualTo(jdbc.sql("select count(*) from exchange_outbox where status = 'PENDING'").query(Long.class).single().doubleValue());
        assertThat(gauge("besa.exchange.overdue", "to-us")).isEqualTo(overdueBefore + 1)
                .isEqualTo(deadlines.owedToUs(Instant.now()).size());
        assertThat(gauge("besa.exchange.outbox.oldest.pending", null)).isGreaterThanOrEqualTo(0);
    }

    @Autowired besa.exchange.transport.Inbox inbox;

    @Test
    void overdueCountsComeFromTheDatabaseAndRefusalsAreCountedByReason() {
        String id = "refusing-metrics";
        TestPartners.register(registry, keys, "Agency", "XK", new Agreement(id, EnumSet.of(Category.PERSON), "MoU", HandlingCode.H1, false));
        Instant now = Instant.now();
        assertThat(deadlines.countOwedByUs(now)).isEqualTo(deadlines.owedByUs(now).size());
        assertThat(deadlines.countOwedToUs(now)).isEqualTo(deadlines.owedToUs(now).size());
        assertThat(gauge("besa.exchange.overdue", "by-us")).isEqualTo(deadlines.owedByUs(Instant.now()).size());

        double before = refused("MALFORMED");
        var outcome = inbox.accept(id, "not a JWE at all", "127.0.0.1");
        assertThat(outcome).isInstanceOf(besa.exchange.transport.Inbox.Refused.class);
        assertThat(((besa.exchange.transport.Inbox.Refused) outcome).reason()).isEqualTo(besa.exchange.envelope.Rejection.MALFORMED);
        assertThat(refused("MALFORMED")).isEqualTo(before + 1);
    }

    double refused(String reason) {
        var c = meters.find("besa.exchange.refused").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    double gauge(String name, String owed) {
        var search = meters.find(name);
        if (owed != null) search = search.tag("owed", owed);
        return search.gauge().value();
    }
}
