package besa.exchange.partner.web;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The partner registry through its REST API and pages: partners with status, certificates and keys;
 * bad input named by field; changes that widen where intelligence may go wait for a second liaison
 * officer; every change audited with who and why.
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-reg", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h"})
@AutoConfigureMockMvc
class PartnerRegistryPagesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-registry-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;

    RequestPostProcessor officer1;
    RequestPostProcessor officer2;
    String id;

    @BeforeEach
    void officers() {
        officer1 = account(jdbc, "liaison-reg-1", Role.LIAISON_OFFICER);
        officer2 = account(jdbc, "liaison-reg-2", Role.LIAISON_OFFICER);
        id = "p" + Long.toString(System.nanoTime(), 36);
    }

    JsonNode call(RequestPostProcessor who, MockHttpServletRequestBuilder req, Object body, int status) throws Exception {
        String out = mvc.perform(req.with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return out.isEmpty() ? null : JSON.readTree(out);
    }

    List<AuditEvent> audit() {
        return jdbc.sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
    }

    Map<String, Object> partner(String url) {
        return Map.of("id", id, "agency", "Turkish National Police", "country", "tr", "url", url, "contact", "liaison@tnp.example",
                "reason", "agreement 2024/7 signed");
    }

    @Test
    void badInputIsNamedByFieldAndNothingIsStored() throws Exception {
        assertThat(call(officer1, post("/api/exchange/partners"), partner("http://tnp.example"), 400).get("field").asString()).isEqualTo("url");
        assertThat(call(officer1, post("/api/exchange/partners"), partner("https://tnp.example/x?y"), 400).get("detail").asString())
                .contains("no user, path, query or fragment");
        assertThat(call(officer1, post("/api/exchange/partners"), Map.of("id", "Bad Id", "agency", "A", "country", "TR", "url", "https://a.example",
                "reason", "r"), 400).get("field").asString()).isEqualTo("id");
        assertThat(call(officer1, post("/api/exchange/partners"), Map.of("id", id, "agency", "A", "country", "Turkey", "url", "https://a.example",
                "reason", "r"), 400).get("field").asString()).isEqualTo("country");
        assertThat(call(officer1, post("/api/exchange/partners"), Map.of("id", id, "agency", "A", "country", "TR", "url", "https://a.example"), 400)
                .get("field").asString()).isEqualTo("reason");
        assertThat(registry.find(id)).isEmpty();

        call(officer1, post("/api/exchange/partners"), partner("https://exchange.tnp.example:8443/"), 201);
        JsonNode pem = call(officer1, post("/api/exchange/partners/" + id + "/certificates"), Map.of("pem", "-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----", "reason", "r"), 400);
        assertThat(pem.get("field").asString()).isEqualTo("pem");
        assertThat(pem.get("detail").asString()).contains("not a PEM X.509 certificate");
        var pair = Certificates.newEcKeyPair();
        String expired = Certificates.toPem(Certificates.selfSigned(pair, id, List.of("localhost"), Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1))));
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/certificates"), Map.of("pem", expired, "reason", "r"), 400)
                .get("detail").asString()).contains("expired");
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", "{\"keys\": [{\"kty\": \"oct\"", "reason", "r"), 400)
                .get("field").asString()).isEqualTo("jwks");
        NodeIdentity them = NodeIdentity.loadOrCreate(id, "TNP", keys.resolve(id), List.of("localhost"), Clock.systemUTC());
        String privateSet = them.signingKey().toJSONString();
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", privateSet, "reason", "r"), 400)
                .get("detail").asString()).contains("key 1", "private part");
        assertThat(call(officer1, put("/api/exchange/partners/" + id + "/agreement"), Map.of("categories", List.of("PERSON", "CARS"), "legalBasis", "x",
                "maxHandling", "H2", "onwardTransfer", false, "reason", "r"), 400).get("field").asString()).isEqualTo("categories");
        assertThat(call(officer1, put("/api/exchange/partners/" + id + "/agreement"), Map.of("categories", List.of("PERSON"), "legalBasis", "x",
                "maxHandling", "H5", "onwardTransfer", false, "reason", "r"), 400).get("field").asString()).isEqualTo("maxHandling");
        assertThat(jdbc.sql("select count(*) from exchange_partner_change where partner_id = ?").param(id).query(Long.class).single()).isZero();
        mvc.perform(get("/api/exchange/partners").with(account(jdbc, "analyst-reg", Role.ANALYST))).andExpect(status().isForbidden());
    }

    @Test
    void wideningChangesWaitForASecondOfficerAndEveryChangeIsAudited() throws Exception {
        JsonNode created = call(officer1, post("/api/exchange/partners"), partner("https://exchange.tnp.example:8443"), 201);
        assertThat(created.get("status").asString()).isEqualTo("INCOMPLETE");
        assertThat(created.get("missing").toString()).contains("agreement", "certificate", "signing key", "encryption key");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.actor().equals("liaison-reg-1") && a.recipient().equals(id)
                && a.target().contains("added") && a.justification().equals("agreement 2024/7 signed"));

        NodeIdentity them = NodeIdentity.loadOrCreate(id, "TNP", keys.resolve(id), List.of("localhost"), Clock.systemUTC());
        JsonNode agreement = call(officer1, put("/api/exchange/partners/" + id + "/agreement"), Map.of("categories", List.of("PERSON"),
                "legalBasis", "Agreement 2024/7 art. 5", "maxHandling", "H2", "onwardTransfer", false, "reason", "signed on 1 Dec"), 202);
        JsonNode cert = call(officer1, post("/api/exchange/partners/" + id + "/certificates"),
                Map.of("pem", Certificates.toPem(them.tlsCertificate()), "reason", "given at the liaison meeting"), 202);
        JsonNode keySet = call(officer1, post("/api/exchange/partners/" + id + "/keys"),
                Map.of("jwks", them.publicKeys().toString(true), "reason", "given at the liaison meeting"), 202);
        assertThat(registry.agreement(id)).isEmpty();
        assertThat(registry.certificates(id)).isEmpty();
        assertThat(registry.encryptionKey(id)).isEmpty();

        // Not by the one who asked.
        String agreementChange = agreement.get("id").asString();
        String pending = mvc.perform(get("/api/exchange/partners/changes").with(officer2)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(pending).contains(agreementChange, cert.get("id").asString(), keySet.get("id").asString(), "liaison-reg-1");
        assertThat(call(officer1, post("/api/exchange/partners/changes/" + agreementChange + "/approve"), Map.of(), 403).get("detail").asString())
                .contains("second liaison officer");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DECISION && a.outcome() == AuditOutcome.DENIED && a.actor().equals("liaison-reg-1")
                && a.target().contains(agreementChange));
        for (JsonNode c : List.of(agreement, cert, keySet)) {
            assertThat(call(officer2, post("/api/exchange/partners/changes/" + c.get("id").asString() + "/approve"), Map.of("reason", "checked"), 200)
                    .get("status").asString()).isEqualTo("APPLIED");
        }
        call(officer2, post("/api/exchange/partners/changes/" + agreementChange + "/approve"), Map.of(), 409);
        assertThat(registry.agreement(id).orElseThrow().maxHandling()).isEqualTo(HandlingCode.H2);
        assertThat(registry.certificates(id)).hasSize(1);
        assertThat(registry.encryptionKey(id)).isPresent();
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.actor().equals("liaison-reg-2")
                && a.target().contains("approved by liaison-reg-2") && a.target().contains("asked by liaison-reg-1") && a.justification().equals("signed on 1 Dec"));

        JsonNode view = JSON.readTree(mvc.perform(get("/api/exchange/partners/" + id).with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(view.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(view.at("/certificates/0/fingerprint").asString()).isEqualTo(Certificates.fingerprint(them.tlsCertificate()));
        assertThat(view.at("/certificates/0/notAfter").asString()).isNotEmpty();
        assertThat(view.get("keys").size()).isEqualTo(them.publicKeys().getKeys().size());

        // Narrowing applies at once; widening (onward transfer allowed, H3) waits.
        JsonNode narrowed = call(officer1, put("/api/exchange/partners/" + id + "/agreement"), Map.of("categories", List.of("PERSON"),
                "legalBasis", "Agreement 2024/7 art. 5", "maxHandling", "H1", "onwardTransfer", false, "reason", "their audit findings"), 200);
        assertThat(narrowed.at("/agreement/maxHandling").asString()).isEqualTo("H1");
        call(officer1, put("/api/exchange/partners/" + id + "/agreement"), Map.of("categories", List.of("PERSON"),
                "legalBasis", "Agreement 2024/7 art. 5", "maxHandling", "H1", "onwardTransfer", true, "reason", "amendment 2"), 202);
        assertThat(registry.agreement(id).orElseThrow().onwardTransfer()).isFalse();

        // Deactivating is at once; making it active again waits, and a rejection needs a reason.
        call(officer1, post("/api/exchange/partners/" + id + "/deactivate"), Map.of("reason", "suspended by the ministry"), 200);
        assertThat(registry.find(id).orElseThrow().active()).isFalse();
        JsonNode again = call(officer1, post("/api/exchange/partners/" + id + "/activate"), Map.of("reason", "suspension lifted"), 202);
        assertThat(call(officer2, post("/api/exchange/partners/changes/" + again.get("id").asString() + "/reject"), Map.of(), 400)
                .get("field").asString()).isEqualTo("reason");
        assertThat(call(officer2, post("/api/exchange/partners/changes/" + again.get("id").asString() + "/reject"), Map.of("reason", "not yet"), 200)
                .get("status").asString()).isEqualTo("REJECTED");
        assertThat(registry.find(id).orElseThrow().active()).isFalse();
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.target().contains(id + ": deactivated")
                && a.justification().equals("suspended by the ministry"));
    }

    String approve(String change, int status) throws Exception {
        JsonNode r = call(officer2, post("/api/exchange/partners/changes/" + change + "/approve"), Map.of("reason", "checked"), status);
        return status == 200 ? r.get("status").asString() : r.get("detail").asString();
    }

    Map<String, Object> agreementBody(String handling, boolean onward, String reason) {
        return Map.of("categories", List.of("PERSON"), "legalBasis", "Agreement 2024/7 art. 5", "maxHandling", handling, "onwardTransfer", onward,
                "reason", reason);
    }

    @Test
    void aKeyIdOnceRegisteredNeverGetsOtherKeyMaterialOrComesBackFromRetirement() throws Exception {
        call(officer1, post("/api/exchange/partners"), partner("https://exchange.tnp.example:8443"), 201);
        NodeIdentity them = NodeIdentity.loadOrCreate(id, "TNP", keys.resolve(id), List.of("localhost"), Clock.systemUTC());
        assertThat(approve(call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", them.publicKeys().toString(true),
                "reason", "given at the meeting"), 202).get("id").asString(), 200)).isEqualTo("APPLIED");
        String sigKid = them.signingKey().getKeyID();
        String stored = jdbc.sql("select jwk from exchange_partner_key where partner_id = ? and kid = ?").params(id, sigKid).query(String.class).single();

        // Other key material under a registered kid: refused when asked.
        var impostor = new ECKeyGenerator(Curve.P_256).keyID(sigKid).keyUse(KeyUse.SIGNATURE).generate().toPublicJWK();
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", impostor.toJSONString(), "reason", "r"), 409)
                .get("detail").asString()).contains(sigKid, "other key material");

        // A retired key is not trusted again, not even the same key.
        registry.retireKey(id, sigKid, Instant.now().plus(Duration.ofDays(1)));
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", them.signingKey().toPublicJWK().toJSONString(),
                "reason", "r"), 409).get("detail").asString()).contains("retired");
        assertThatThrownBy(() -> registry.addKey(id, them.signingKey().toPublicJWK())).hasMessageContaining("retired");
        assertThat(jdbc.sql("select valid_until is not null from exchange_partner_key where partner_id = ? and kid = ?").params(id, sigKid)
                .query(Boolean.class).single()).isTrue();

        // Checked again when approved: the kid was taken by other material meanwhile, nothing applies.
        var asked = new ECKeyGenerator(Curve.P_256).keyID("k-next").keyUse(KeyUse.SIGNATURE).generate().toPublicJWK();
        String change = call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", asked.toJSONString(), "reason", "rotation"), 202)
                .get("id").asString();
        var meanwhile = new ECKeyGenerator(Curve.P_256).keyID("k-next").keyUse(KeyUse.SIGNATURE).generate().toPublicJWK();
        registry.addKey(id, meanwhile);
        assertThat(approve(change, 409)).contains("other key material");
        assertThat(jdbc.sql("select jwk from exchange_partner_key where partner_id = ? and kid = 'k-next'").param(id).query(String.class).single())
                .contains(meanwhile.getX().toString());
        assertThat(jdbc.sql("select jwk from exchange_partner_key where partner_id = ? and kid = ?").params(id, sigKid).query(String.class).single())
                .isEqualTo(stored);
    }

    @Test
    void anApprovalNeverUndoesANarrowingMadeSinceAndOneChangeOfAKindWaitsAtATime() throws Exception {
        call(officer1, post("/api/exchange/partners"), partner("https://exchange.tnp.example:8443"), 201);
        String first = call(officer1, put("/api/exchange/partners/" + id + "/agreement"), agreementBody("H2", false, "signed"), 202).get("id").asString();
        assertThat(call(officer1, put("/api/exchange/partners/" + id + "/agreement"), agreementBody("H3", false, "again"), 409).get("detail").asString())
                .contains(first, "waiting already");
        assertThat(approve(first, 200)).isEqualTo("APPLIED");

        // A widening asked for, then a narrowing applied at once: the widening no longer starts from what is in force.
        String wider = call(officer1, put("/api/exchange/partners/" + id + "/agreement"), agreementBody("H2", true, "amendment 2"), 202)
                .get("id").asString();
        call(officer1, put("/api/exchange/partners/" + id + "/agreement"), agreementBody("H1", false, "their audit findings"), 200);
        assertThat(approve(wider, 409)).contains("changed since");
        assertThat(registry.agreement(id).orElseThrow().maxHandling()).isEqualTo(HandlingCode.H1);
        assertThat(registry.agreement(id).orElseThrow().onwardTransfer()).isFalse();
        assertThat(jdbc.sql("select status from exchange_partner_change where id = ?::uuid").param(wider).query(String.class).single())
                .isEqualTo("PENDING"); // still to be rejected by a person, with a reason

        // One activation request at a time.
        call(officer1, post("/api/exchange/partners/" + id + "/deactivate"), Map.of("reason", "suspended"), 200);
        String again = call(officer1, post("/api/exchange/partners/" + id + "/activate"), Map.of("reason", "lifted"), 202).get("id").asString();
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/activate"), Map.of("reason", "lifted"), 409).get("detail").asString())
                .contains(again);
        assertThat(approve(again, 200)).isEqualTo("APPLIED");
        assertThat(registry.find(id).orElseThrow().active()).isTrue();
    }

    @Test
    void pagesInBothLanguagesShowPartnersNameBadFieldsAndRecordPermissions() throws Exception {
        call(officer1, post("/api/exchange/partners"), partner("https://exchange.tnp.example:8443"), 201);
        for (String page : List.of("/exchange/partners", "/exchange/partners/" + id, "/exchange/partners/permissions")) {
            String sq = mvc.perform(get(page).with(officer1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(sq).contains("Partnerët", "Turkish National Police").doesNotContain("??partners");
            String en = mvc.perform(get(page).param("lang", "en").with(officer1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(en).contains("Partners", "Turkish National Police").doesNotContain("??partners");
        }
        assertThat(mvc.perform(get("/exchange/partners").param("lang", "en").with(officer1)).andReturn().getResponse().getContentAsString())
                .contains("incomplete", "missing: agreement");

        // A bad URL on the page: the reason names the field, nothing changes.
        var flash = mvc.perform(post("/exchange/partners/" + id + "/details").with(officer1).with(csrf()).param("agency", "TNP").param("country", "TR")
                .param("url", "ftp://x").param("contact", "").param("reason", "typo")).andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        assertThat(flash.get("field")).isEqualTo("url");
        assertThat(registry.find(id).orElseThrow().baseUrl()).isEqualTo("https://exchange.tnp.example:8443");
        String shown = mvc.perform(get("/exchange/partners/" + id).param("lang", "en").with(officer1).flashAttrs(flash)).andReturn().getResponse()
                .getContentAsString();
        assertThat(shown).contains("Refused", "(url)", "must start with https://");

        // Forwarding permissions: asked for through the page, approved there by a second officer, then listed.
        String other = id + "-b";
        call(officer1, post("/api/exchange/partners"), Map.of("id", other, "agency", "BKA", "country", "DE", "url", "https://bka.example",
                "reason", "agreement"), 201);
        mvc.perform(post("/exchange/partners/permissions").with(officer1).with(csrf()).param("originator", id).param("recipient", other)
                .param("entity", "").param("reference", "TNP letter 2026/77")).andExpect(status().is3xxRedirection());
        String change = jdbc.sql("select id::text from exchange_partner_change where partner_id = ? and kind = 'PERMISSION' and status = 'PENDING'")
                .param(id).query(String.class).single();
        String waiting = mvc.perform(get("/exchange/partners/permissions").param("lang", "en").with(officer2)).andReturn().getResponse().getContentAsString();
        assertThat(waiting).contains("permission-request-" + change, "TNP letter 2026/77");
        mvc.perform(post("/exchange/partners/permissions/requests/" + change).with(officer2).with(csrf()).param("decision", "approve")
                .param("reason", "letter checked")).andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/exchange/partners/permissions").param("lang", "en").with(officer1)).andReturn().getResponse().getContentAsString())
                .contains("TNP letter 2026/77", "all its material", "liaison-reg-2");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.recipient().equals(other) && a.justification().equals("TNP letter 2026/77")
                && a.target().contains("approved by liaison-reg-2"));
    }

    // ---------------------------------------------------------------- forwarding permissions: two officers to record, one to withdraw

    @Autowired besa.exchange.messages.Forwarding forwarding;

    String twoPartners() throws Exception {
        call(officer1, post("/api/exchange/partners"), partner("https://exchange.tnp.example:8443"), 201);
        String other = id + "-b";
        call(officer1, post("/api/exchange/partners"), Map.of("id", other, "agency", "BKA", "country", "DE", "url", "https://bka.example",
                "reason", "agreement"), 201);
        return other;
    }

    Map<String, Object> permission(String recipient, String entity, String reference) {
        return Map.of("originator", id, "recipient", recipient, "entity", entity, "reference", reference);
    }

    @Test
    void aForwardingPermissionIsRecordedOnlyWhenASecondOfficerApprovesAndWithdrawnAtOnce() throws Exception {
        String other = twoPartners();
        assertThat(call(officer1, post("/api/exchange/permissions"), permission(other, "", ""), 400).get("field").asString()).isEqualTo("reference");
        assertThat(call(officer1, post("/api/exchange/permissions"), Map.of("originator", "nobody", "recipient", other, "reference", "r"), 400)
                .get("field").asString()).isEqualTo("originator");
        assertThat(call(officer1, post("/api/exchange/permissions"), permission(id, "", "r"), 400).get("field").asString()).isEqualTo("recipient");

        JsonNode asked = call(officer1, post("/api/exchange/permissions"), permission(other, "", "TNP letter 2026/90"), 202);
        String change = asked.get("id").asString();
        assertThat(asked.get("status").asString()).isEqualTo("PENDING");
        assertThat(forwarding.permitted(id, other, id + ":P-1")).isFalse();
        assertThat(call(officer1, get("/api/exchange/permissions/requests"), Map.of(), 200).toString()).contains(change);
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.actor().equals("liaison-reg-1") && a.recipient().equals(other)
                && a.target().contains("requested") && a.justification().equals("TNP letter 2026/90"));
        // The same again while it waits: refused.
        assertThat(call(officer1, post("/api/exchange/permissions"), permission(other, "", "again"), 409).get("detail").asString()).contains("waiting already");

        // Not by the one who asked (audited).
        assertThat(call(officer1, post("/api/exchange/permissions/requests/" + change + "/approve"), Map.of(), 403).get("detail").asString())
                .contains("second liaison officer");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DECISION && a.outcome() == AuditOutcome.DENIED && a.actor().equals("liaison-reg-1")
                && a.target().contains(change));
        assertThat(forwarding.permitted(id, other, id + ":P-1")).isFalse();

        assertThat(call(officer2, post("/api/exchange/permissions/requests/" + change + "/approve"), Map.of("reason", "letter seen"), 200)
                .get("status").asString()).isEqualTo("APPLIED");
        assertThat(forwarding.permitted(id, other, id + ":P-1")).isTrue();
        JsonNode listed = call(officer1, get("/api/exchange/permissions"), Map.of(), 200);
        JsonNode mine = null;
        for (JsonNode p : listed) if (p.get("originator").asString().equals(id)) mine = p;
        assertThat(mine).isNotNull();
        assertThat(mine.get("recordedBy").asString()).isEqualTo("liaison-reg-1");
        assertThat(mine.get("approvedBy").asString()).isEqualTo("liaison-reg-2");
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.actor().equals("liaison-reg-2") && a.recipient().equals(other)
                && a.target().contains("asked by liaison-reg-1, approved by liaison-reg-2") && a.justification().equals("TNP letter 2026/90"));
        // Covered already (all its material): nothing to ask.
        assertThat(call(officer1, post("/api/exchange/permissions"), permission(other, id + ":P-1", "r"), 409).get("detail").asString())
                .contains("covers this already");

        // Withdrawing narrows: one officer, with a reason, at once.
        long pid = mine.get("id").asLong();
        assertThat(call(officer1, post("/api/exchange/permissions/" + pid + "/withdraw"), Map.of(), 400).get("field").asString()).isEqualTo("reason");
        assertThat(forwarding.permitted(id, other, id + ":P-1")).isTrue();
        call(officer1, post("/api/exchange/permissions/" + pid + "/withdraw"), Map.of("reason", "TNP withdrew it by letter 2026/95"), 200);
        assertThat(forwarding.permitted(id, other, id + ":P-1")).isFalse();
        call(officer1, post("/api/exchange/permissions/" + pid + "/withdraw"), Map.of("reason", "again"), 404);
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.actor().equals("liaison-reg-1") && a.recipient().equals(other)
                && a.target().contains("permission " + pid) && a.target().contains("withdrawn") && a.justification().equals("TNP withdrew it by letter 2026/95"));
        // The registry's other changes are not decided through this API.
        String agreement = call(officer1, put("/api/exchange/partners/" + id + "/agreement"), agreementBody("H1", false, "signed"), 202).get("id").asString();
        call(officer2, post("/api/exchange/permissions/requests/" + agreement + "/approve"), Map.of(), 404);
    }

    @Test
    void aStalePermissionRequestIsRefusedAndClosed() throws Exception {
        String other = twoPartners();
        // Older than besa.exchange.permission-request-max-age (7 days by default).
        String old = call(officer1, post("/api/exchange/permissions"), permission(other, id + ":P-1", "TNP letter 1"), 202).get("id").asString();
        jdbc.sql("update exchange_partner_change set requested_at = requested_at - interval '8 days' where id = ?::uuid").param(old).update();
        assertThat(approve(old, 409)).contains("stale", "7 day");
        assertThat(jdbc.sql("select status from exchange_partner_change where id = ?::uuid").param(old).query(String.class).single()).isEqualTo("REJECTED");
        assertThat(forwarding.permitted(id, other, id + ":P-1")).isFalse();
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.DECISION && a.outcome() == AuditOutcome.DENIED && a.actor().equals("liaison-reg-2")
                && a.recipient().equals(other) && a.justification().startsWith("stale"));

        // Overtaken by a withdrawal between the same partners: approving would undo that narrowing.
        String first = call(officer1, post("/api/exchange/permissions"), permission(other, id + ":P-3", "TNP letter 3"), 202).get("id").asString();
        assertThat(approve(first, 200)).isEqualTo("APPLIED");
        String asked = call(officer1, post("/api/exchange/permissions"), permission(other, id + ":P-2", "TNP letter 2"), 202).get("id").asString();
        long pid = jdbc.sql("select id from exchange_forward_permission where change_id = ?::uuid").param(first).query(Long.class).single();
        call(officer1, post("/api/exchange/permissions/" + pid + "/withdraw"), Map.of("reason", "TNP withdrew its permissions for the BKA"), 200);
        assertThat(approve(asked, 409)).contains("withdrawn");
        assertThat(forwarding.permitted(id, other, id + ":P-2")).isFalse();
        // Closed, so it can be asked again (and approved, now after the withdrawal).
        String again = call(officer1, post("/api/exchange/permissions"), permission(other, id + ":P-2", "TNP letter 4"), 202).get("id").asString();
        assertThat(approve(again, 200)).isEqualTo("APPLIED");
        assertThat(forwarding.permitted(id, other, id + ":P-2")).isTrue();
    }

    @Autowired besa.exchange.partner.PartnerAdmin admin;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    /**
     * A withdrawal racing the approval of an older request: the approval waits for the pair's lock while the withdrawal's
     * transaction is open, then sees the withdrawal and closes the request as stale, so it cannot record again what was
     * withdrawn. (Without the lock the approval ran through at once and recorded it.) Ordered by the lock, not by sleeps.
     */
    @Test
    void anApprovalRacingAWithdrawalWaitsForItAndGoesStale() throws Exception {
        String other = twoPartners();
        String first = call(officer1, post("/api/exchange/permissions"), permission(other, id + ":P-5", "TNP letter 5"), 202).get("id").asString();
        assertThat(approve(first, 200)).isEqualTo("APPLIED");
        String asked = call(officer1, post("/api/exchange/permissions"), permission(other, id + ":P-6", "TNP letter 6"), 202).get("id").asString();
        long pid = jdbc.sql("select id from exchange_forward_permission where change_id = ?::uuid").param(first).query(Long.class).single();
        var approval = new java.util.concurrent.CompletableFuture<Object>();
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(s -> {
            admin.withdrawPermission("liaison-reg-1", pid, "TNP withdrew its permissions for the BKA", "test"); // joins this open transaction
            Thread t = new Thread(() -> {
                try {
                    approval.complete(admin.approve("liaison-reg-2", java.util.UUID.fromString(asked), "checked", "test"));
                } catch (RuntimeException e) {
                    approval.complete(e);
                }
            });
            t.start();
            // Poll until the approval waits for the advisory lock (or, without it, has finished already).
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!approval.isDone() && jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted").query(Integer.class).single() == 0) {
                if (System.nanoTime() > until) throw new AssertionError("the approval neither waited nor finished");
                Thread.onSpinWait();
            }
            assertThat(approval.isDone()).as("the approval waits while the withdrawal is open").isFalse();
        });
        Object outcome = approval.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(RuntimeException.class);
        assertThat(((RuntimeException) outcome).getMessage()).contains("stale", "withdrawn");
        assertThat(forwarding.permitted(id, other, id + ":P-6")).isFalse();
        assertThat(jdbc.sql("select status from exchange_partner_change where id = ?::uuid").param(asked).query(String.class).single()).isEqualTo("REJECTED");
    }

    // ---------------------------------------------------------------- retiring certificates and keys

    @Test
    void retiringACertificateOrKeyIsOneOfficerWithAReasonButNeverTheLastOfAnActivePartner() throws Exception {
        call(officer1, post("/api/exchange/partners"), partner("https://exchange.tnp.example:8443"), 201);
        NodeIdentity them = NodeIdentity.loadOrCreate(id, "TNP", keys.resolve(id), List.of("localhost"), Clock.systemUTC());
        assertThat(approve(call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", them.publicKeys().toString(true),
                "reason", "given at the meeting"), 202).get("id").asString(), 200)).isEqualTo("APPLIED");
        assertThat(approve(call(officer1, post("/api/exchange/partners/" + id + "/certificates"), Map.of("pem", Certificates.toPem(them.tlsCertificate()),
                "reason", "given at the meeting"), 202).get("id").asString(), 200)).isEqualTo("APPLIED");
        String sig = them.signingKey().getKeyID(), enc = them.encryptionKey().getKeyID();
        String fp = Certificates.fingerprint(them.tlsCertificate());

        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/keys/" + sig + "/retire"), Map.of(), 400).get("field").asString())
                .isEqualTo("reason");
        JsonNode last = call(officer1, post("/api/exchange/partners/" + id + "/keys/" + sig + "/retire"), Map.of("reason", "rotated"), 409);
        assertThat(last.get("detail").asString()).contains("last signing key", "Register its new key first");
        assertThat(last.get("field").asString()).isEqualTo("kid");
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/certificates/" + fp + "/retire"), Map.of("reason", "rotated"), 409)
                .get("detail").asString()).contains("last trusted certificate");
        call(officer1, post("/api/exchange/partners/" + id + "/keys/no-such-kid/retire"), Map.of("reason", "r"), 404);
        assertThat(registry.key(id, sig, KeyUse.SIGNATURE)).isPresent();
        assertThat(registry.certificates(id)).hasSize(1);

        // With its new signing key registered, the old one can go: at once, by one officer, audited with the reason.
        var next = new ECKeyGenerator(Curve.P_256).keyID("sig-2027").keyUse(KeyUse.SIGNATURE).generate().toPublicJWK();
        assertThat(approve(call(officer1, post("/api/exchange/partners/" + id + "/keys"), Map.of("jwks", next.toJSONString(), "reason", "rotation"), 202)
                .get("id").asString(), 200)).isEqualTo("APPLIED");
        JsonNode view = call(officer1, post("/api/exchange/partners/" + id + "/keys/" + sig + "/retire"), Map.of("reason", "TNP rotated on 1 Jan"), 200);
        assertThat(view.toString()).contains("sig-2027");
        assertThat(registry.key(id, sig, KeyUse.SIGNATURE)).isEmpty();
        assertThat(registry.key(id, "sig-2027", KeyUse.SIGNATURE)).isPresent();
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.actor().equals("liaison-reg-1") && a.recipient().equals(id)
                && a.target().contains("key " + sig + " (sig) retired") && a.justification().equals("TNP rotated on 1 Jan"));
        assertThat(call(officer1, post("/api/exchange/partners/" + id + "/keys/" + sig + "/retire"), Map.of("reason", "again"), 409)
                .get("detail").asString()).contains("retired already");

        // On the page: the last encryption key is refused with its field and reason, nothing changes.
        var flash = mvc.perform(post("/exchange/partners/" + id + "/keys/" + enc + "/retire").with(officer1).with(csrf()).param("reason", "rotated"))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        assertThat(flash.get("field")).isEqualTo("kid");
        assertThat(String.valueOf(flash.get("error"))).contains("last encryption key");
        assertThat(registry.encryptionKey(id)).isPresent();
        String page = mvc.perform(get("/exchange/partners/" + id).param("lang", "en").with(officer1)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Retire now", "/keys/" + enc + "/retire", "/certificates/" + fp + "/retire");

        // A deactivated partner (e.g. its key was compromised) may lose its last certificate.
        call(officer1, post("/api/exchange/partners/" + id + "/deactivate"), Map.of("reason", "key compromised"), 200);
        mvc.perform(post("/exchange/partners/" + id + "/certificates/" + fp + "/retire").with(officer1).with(csrf()).param("reason", "compromised"))
                .andExpect(status().is3xxRedirection());
        assertThat(registry.certificates(id)).isEmpty();
        assertThat(audit()).anyMatch(a -> a.action() == AuditAction.ALTERATION && a.target().contains("certificate " + fp + " retired")
                && a.justification().equals("compromised"));
        mvc.perform(post("/api/exchange/partners/" + id + "/keys/" + enc + "/retire").with(account(jdbc, "analyst-reg", Role.ANALYST)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}")).andExpect(status().isForbidden());
    }
}
