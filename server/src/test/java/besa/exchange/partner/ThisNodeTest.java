package besa.exchange.partner;

import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** A liaison officer can hand a partner exactly what it needs to register this node, and nothing private. */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-test", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.bulk-threshold=3",
        "besa.exchange.store-received=1h"})
@AutoConfigureMockMvc
class ThisNodeTest {
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-this-node-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired NodeIdentity me;

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
}
