package besa.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class LoginTest {
    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void nothingIsServedWithoutLogin() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/api/entities/x")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void accountsLogInWithArgon2idHashedPasswords() throws Exception {
        accounts.upsert("test.analyst", "Test Analyst", "correct horse battery", Set.of(Role.ANALYST));
        String hash = jdbc.sql("select password_hash from app_user where username = 'test.analyst'").query(String.class).single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse");

        // The password is the first of two factors: it signs in, but the pages then ask for the second.
        mvc.perform(formLogin().user("test.analyst").password("correct horse battery"))
                .andExpect(authenticated().withRoles("ANALYST").withAuthentication(a -> assertThat(Factors.has(a, Factors.PASSWORD)).isTrue()));
        mvc.perform(formLogin().user("test.analyst").password("wrong password!!")).andExpect(unauthenticated());
    }
}
