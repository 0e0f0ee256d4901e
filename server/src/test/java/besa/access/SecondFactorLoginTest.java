package besa.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.audit.AuditOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The two-step sign-in over real PostgreSQL and the real audit trail: password, then TOTP, passkey or recovery code. */
@SpringBootTest
@AutoConfigureMockMvc
class SecondFactorLoginTest {
    private static final String PASSWORD = "correct horse battery";

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired SecondFactors factors;
    @Autowired JdbcClient jdbc;

    private String newUser() {
        String name = "mfa-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.upsert(name, "MFA Test", PASSWORD, Set.of(Role.ANALYST));
        return name;
    }

    /** A user with a TOTP secret enrolled; returns the secret. */
    private byte[] enrolTotp(String name) {
        byte[] secret = Totp.newSecret();
        factors.enrolTotp(name, secret, -1, "");
        return secret;
    }

    private MockHttpSession passwordStep(String name) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(name).password(PASSWORD))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
    }

    private static String currentCode(byte[] secret) {
        return Totp.code(secret, Totp.step(Instant.now()));
    }

    private long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private List<AuditEvent> auditSince(long from, String actor) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list()
                .stream().filter(e -> e.actor().equals(actor)).toList();
    }

    @Test
    void thePasswordAloneReachesNothingButTheSecondFactorPages() throws Exception {
        String name = newUser();
        enrolTotp(name);
        MockHttpSession session = passwordStep(name);
        for (String page : new String[] {"/", "/search?q=x", "/import", "/security", "/mfa/enrolled", "/entities/E-1", "/actuator/info"}) {
            mvc.perform(get(page).session(session)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/login/second-factor"));
        }
        mvc.perform(post("/security/recovery-codes").session(session).with(csrf())).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(get("/login/second-factor").session(session)).andExpect(status().isOk());
        // An enrolled account cannot enrol again (or add a passkey) with the password alone.
        mvc.perform(get("/mfa/enrol").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/mfa/enrol/totp").param("code", "123456").session(session).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/webauthn/register").session(session).with(csrf()).contentType("application/json").content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aTotpCodeCompletesTheSignInOnceAndIsNeverAcceptedAgain() throws Exception {
        String name = newUser();
        byte[] secret = enrolTotp(name);
        long before = auditSize();
        MockHttpSession session = passwordStep(name);
        String code = currentCode(secret);
        mvc.perform(post("/login/second-factor").param("code", code).session(session).with(csrf()))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        mvc.perform(get("/security").session(session)).andExpect(status().isOk());

        // Replay: the same code in a new sign-in (same time step) is refused.
        MockHttpSession second = passwordStep(name);
        mvc.perform(post("/login/second-factor").param("code", code).session(second).with(csrf()))
                .andExpect(redirectedUrl("/login/second-factor?error"));
        mvc.perform(get("/").session(second)).andExpect(redirectedUrl("/login/second-factor"));

        List<AuditEvent> events = auditSince(before, name);
        assertThat(events).extracting(AuditEvent::action).containsSubsequence(
                AuditAction.LOGIN_SUCCESS, AuditAction.LOGIN_SUCCESS, AuditAction.LOGIN_SUCCESS, AuditAction.LOGIN_FAILURE);
    }

    @Test
    void aWrongCodeIsAFailedLoginAndTheSessionStaysAtTheSecondStep() throws Exception {
        String name = newUser();
        byte[] secret = enrolTotp(name);
        long before = auditSize();
        MockHttpSession session = passwordStep(name);
        String wrong = String.format("%06d", (Integer.parseInt(currentCode(secret)) + 500_000) % 1_000_000);
        mvc.perform(post("/login/second-factor").param("code", wrong).session(session).with(csrf()))
                .andExpect(redirectedUrl("/login/second-factor?error"));
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login/second-factor"));
        assertThat(auditSince(before, name)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.LOGIN_FAILURE);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
        });
        // The right code still works afterwards (and leads on to the page first asked for).
        mvc.perform(post("/login/second-factor").param("code", currentCode(secret)).session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
    }

    @Test
    void theSecondStepNeedsThePasswordFirst() throws Exception {
        mvc.perform(get("/login/second-factor")).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/login/second-factor").param("code", "123456").with(csrf()))
                .andExpect(redirectedUrl("/login/second-factor?error"));
    }

    @Test
    void aRecoveryCodeWorksOnceOnly() throws Exception {
        String name = newUser();
        enrolTotp(name);
        List<String> codes = factors.issueRecoveryCodes(name, "");
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}"));
        assertThat(jdbc.sql("select count(*) from recovery_code where username = ?").param(name).query(Long.class).single()).isEqualTo(10);
        long before = auditSize();

        MockHttpSession session = passwordStep(name);
        mvc.perform(post("/login/second-factor").param("recovery", codes.get(3).toLowerCase()).session(session).with(csrf()))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        assertThat(factors.unusedRecoveryCodes(name)).isEqualTo(9);

        MockHttpSession again = passwordStep(name);
        mvc.perform(post("/login/second-factor").param("recovery", codes.get(3)).session(again).with(csrf()))
                .andExpect(redirectedUrl("/login/second-factor?error"));
        mvc.perform(get("/").session(again)).andExpect(redirectedUrl("/login/second-factor"));

        assertThat(auditSince(before, name)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.CREDENTIAL_CHANGE);
            assertThat(e.target()).isEqualTo("used recovery code");
        });
    }

    @Test
    void anAccountWithoutSecondFactorIsSentToEnrolThenGetsRecoveryCodesOnce() throws Exception {
        String name = newUser();
        long before = auditSize();
        MockHttpSession session = passwordStep(name);
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(get("/login/second-factor").session(session)).andExpect(redirectedUrl("/mfa/enrol"));
        String page = mvc.perform(get("/mfa/enrol").param("lang", "en").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(m.find()).isTrue();
        byte[] secret = Base32.decode(m.group(1));
        assertThat(page).contains("otpauth://totp/Besa:" + name).contains("<svg");

        mvc.perform(post("/mfa/enrol/totp").param("code", "000000".equals(currentCode(secret)) ? "111111" : "000000")
                        .session(session).with(csrf()))
                .andExpect(status().isOk());
        String code = currentCode(secret);
        mvc.perform(post("/mfa/enrol/totp").param("code", code).session(session).with(csrf()))
                .andExpect(redirectedUrl("/mfa/enrolled"));
        String codesPage = mvc.perform(get("/mfa/enrolled").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(Pattern.compile("<code>[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}</code>").matcher(codesPage).results().count())
                .isEqualTo(10);
        mvc.perform(get("/mfa/enrolled").session(session)).andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        assertThat(factors.hasTotp(name)).isTrue();
        assertThat(auditSince(before, name)).filteredOn(e -> e.action() == AuditAction.CREDENTIAL_CHANGE)
                .extracting(AuditEvent::target).containsExactly("enrolled TOTP", "issued recovery codes");
        // The enrolment code itself was spent.
        MockHttpSession next = passwordStep(name);
        mvc.perform(post("/login/second-factor").param("code", code).session(next).with(csrf()))
                .andExpect(redirectedUrl("/login/second-factor?error"));
    }

    @Test
    void replacingFactorsNeedsASecondFactorFromTheLastTenMinutes() throws Exception {
        String name = newUser();
        byte[] key = enrolTotp(name);
        var stale = user(name).authorities(
                FactorGrantedAuthority.withAuthority(Factors.PASSWORD).issuedAt(Instant.now().minusSeconds(3600)).build(),
                FactorGrantedAuthority.withAuthority(Factors.TOTP).issuedAt(Instant.now().minusSeconds(660)).build());
        // Both factors, but the second one is eleven minutes old: the pages are open, replacing factors is not.
        mvc.perform(get("/security").with(stale)).andExpect(status().isOk());
        mvc.perform(get("/security/totp").with(stale)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(post("/security/recovery-codes").with(stale).with(csrf())).andExpect(redirectedUrl("/login/second-factor"));
        assertThat(factors.recoveryCodesIssued(name)).isFalse();

        // A fresh code renews the factor, and the Security page opens its forms again.
        MockHttpSession session = passwordStep(name);
        mvc.perform(post("/login/second-factor").param("code", currentCode(key)).session(session).with(csrf()));
        mvc.perform(get("/security/totp").session(session)).andExpect(status().isOk());
    }

    /** A passkey row as Spring's WebAuthn store keeps it (the key bytes do not matter for removal). */
    private String addPasskeyRow(String name, String label) {
        String userId = Bytes.random().toBase64UrlString();
        String credentialId = Bytes.random().toBase64UrlString();
        jdbc.sql("insert into user_entities (id, name, display_name) values (?, ?, ?) on conflict (name) do nothing")
                .params(userId, name, name).update();
        jdbc.sql("""
                insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count, uv_initialized,
                    backup_eligible, backup_state, authenticator_transports, public_key_credential_type, label, created, last_used)
                select ?, id, '\\x01'::bytea, 0, true, false, false, 'internal', 'public-key', ?, now(), now()
                from user_entities where name = ?""")
                .params(credentialId, label, name).update();
        return credentialId;
    }

    @Test
    void aPasskeyCanBeRemovedButNotTheLastSecondFactorNorSomeoneElses() throws Exception {
        String name = newUser();
        String only = addPasskeyRow(name, "only key");
        var both = TestLogins.user(name, "ANALYST");
        mvc.perform(post("/security/passkeys/remove").param("id", only).with(both).with(csrf())).andExpect(redirectedUrl("/security"));
        assertThat(factors.passkeys(name)).extracting(SecondFactors.Passkey::label).containsExactly("only key");

        String other = newUser();
        String theirs = addPasskeyRow(other, "their key");
        mvc.perform(post("/security/passkeys/remove").param("id", theirs).with(both).with(csrf())).andExpect(redirectedUrl("/security"));
        assertThat(factors.passkeys(other)).hasSize(1);

        enrolTotp(name);
        long before = auditSize();
        mvc.perform(post("/security/passkeys/remove").param("id", only).with(both).with(csrf())).andExpect(redirectedUrl("/security"));
        assertThat(factors.passkeys(name)).isEmpty();
        assertThat(auditSince(before, name)).extracting(AuditEvent::target).containsExactly("removed passkey 'only key'");
    }

    @Test
    void theSecurityPageReplacesTheAuthenticatorAppAndTheRecoveryCodes() throws Exception {
        String name = newUser();
        byte[] old = enrolTotp(name);
        List<String> oldCodes = factors.issueRecoveryCodes(name, "");
        MockHttpSession session = passwordStep(name);
        mvc.perform(post("/login/second-factor").param("code", currentCode(old)).session(session).with(csrf()))
                .andExpect(redirectedUrl("/"));
        String page = mvc.perform(get("/security/totp").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(m.find()).isTrue();
        byte[] fresh = Base32.decode(m.group(1));
        mvc.perform(post("/security/totp").param("code", currentCode(fresh)).session(session).with(csrf()))
                .andExpect(redirectedUrl("/security"));
        assertThat(factors.totpSecret(name)).hasValueSatisfying(s -> assertThat(s).isEqualTo(fresh));

        String codesPage = mvc.perform(post("/security/recovery-codes").session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(codesPage).doesNotContain(oldCodes.getFirst());
        assertThat(factors.unusedRecoveryCodes(name)).isEqualTo(10);
        MockHttpSession next = passwordStep(name);
        mvc.perform(post("/login/second-factor").param("recovery", oldCodes.getFirst()).session(next).with(csrf()))
                .andExpect(redirectedUrl("/login/second-factor?error"));
    }
}
