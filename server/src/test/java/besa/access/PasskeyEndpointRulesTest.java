package besa.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.test.web.servlet.MockMvc;

/** Spring Security's own passkey endpoints follow Besa's rules for changing factors. */
@SpringBootTest
@AutoConfigureMockMvc
class PasskeyEndpointRulesTest {
    private static final String PASSWORD = "correct horse battery";

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired SecondFactors factors;
    @Autowired JdbcClient jdbc;

    private String newUser() {
        String name = "pk-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.upsert(name, "Passkey Rules", PASSWORD, Set.of(Role.ANALYST));
        return name;
    }

    private String addPasskeyRow(String name) {
        String credentialId = Bytes.random().toBase64UrlString();
        jdbc.sql("insert into user_entities (id, name, display_name) values (?, ?, ?) on conflict (name) do nothing")
                .params(Bytes.random().toBase64UrlString(), name, name).update();
        jdbc.sql("""
                insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count, uv_initialized,
                    backup_eligible, backup_state, authenticator_transports, public_key_credential_type, label, created, last_used)
                select ?, id, '\\x01'::bytea, 0, true, false, false, 'internal', 'public-key', 'key', now(), now()
                from user_entities where name = ?""")
                .params(credentialId, name).update();
        return credentialId;
    }

    private long passkeys(String name) {
        return jdbc.sql("select count(*) from user_credentials c join user_entities e on e.id = c.user_entity_user_id where e.name = ?")
                .param(name).query(Long.class).single();
    }

    private MockHttpSession passwordStep(String name) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").param("username", name).param("password", PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
    }

    @Test
    void springsPasskeyRemovalIsClosedEvenToAFreshFullSession() throws Exception {
        String name = newUser();
        String id = addPasskeyRow(name);
        var fresh = user(name).authorities(FactorGrantedAuthority.fromAuthority(Factors.PASSWORD),
                FactorGrantedAuthority.fromAuthority(Factors.WEBAUTHN));
        mvc.perform(delete("/webauthn/register/" + id).with(fresh).with(csrf())).andExpect(status().isForbidden());
        assertThat(passkeys(name)).isEqualTo(1);
    }

    @Test
    void addingAPasskeyToAnEnrolledAccountNeedsARecentSecondFactor() throws Exception {
        String name = newUser();
        factors.enrolTotp(name, Totp.newSecret(), -1, "");
        var stale = user(name).authorities(
                FactorGrantedAuthority.withAuthority(Factors.PASSWORD).issuedAt(Instant.now().minusSeconds(3600)).build(),
                FactorGrantedAuthority.withAuthority(Factors.TOTP).issuedAt(Instant.now().minusSeconds(660)).build());
        mvc.perform(get("/").with(stale)).andExpect(status().isOk()); // a full session, just not a recent factor
        mvc.perform(post("/webauthn/register").with(stale).with(csrf()).contentType("application/json").content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void removingEveryFactorDoesNotReopenFirstEnrolment() throws Exception {
        String name = newUser();
        // Never enrolled: the password alone opens the enrolment.
        mvc.perform(get("/mfa/enrol").session(passwordStep(name))).andExpect(status().isOk());
        factors.enrolTotp(name, Totp.newSecret(), -1, "");
        // Every factor gone (as after removing the last passkey and the authenticator app).
        jdbc.sql("delete from totp_secret where username = ?").param(name).update();
        assertThat(factors.enrolled(name)).isFalse();
        MockHttpSession session = passwordStep(name);
        mvc.perform(get("/mfa/enrol").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/mfa/enrol/totp").param("code", "123456").session(session).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/webauthn/register").session(session).with(csrf()).contentType("application/json").content("{}"))
                .andExpect(status().isForbidden());
    }
}
