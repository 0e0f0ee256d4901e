package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;

import besa.access.Base32;
import besa.access.Role;
import besa.access.SecondFactors;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class DemoAccountsTest {
    @Autowired DemoAccounts accounts;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SecondFactors factors;

    @Test
    void oneAccountPerRoleThatLogsInAndKeepsItsPasswordAcrossRuns(@TempDir Path dataDir) throws Exception {
        List<DemoAccounts.Account> first = accounts.ensure(dataDir);
        assertThat(first).extracting(DemoAccounts.Account::role).containsExactly(Role.values());
        Path file = dataDir.resolve(DemoAccounts.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (DemoAccounts.Account a : first) {
            assertThat(a.password()).hasSize(23).matches("[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}");
            assertThat(Files.readString(file)).contains(a.username() + "\t" + a.password());
            String hash = jdbc.sql("select password_hash from app_user where username = ?").param(a.username()).query(String.class).single();
            assertThat(hash).startsWith("$argon2id$").doesNotContain(a.password());
            MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(a.username()).password(a.password()))
                    .andExpect(authenticated().withRoles(a.role().name())).andReturn().getRequest().getSession(false);
            // The second factor: the pre-enrolled TOTP key in the file, as `./besa demo code` reads it.
            assertThat(Files.readString(file)).contains(a.totpSecret() + "\t" + a.otpauthUri());
            assertThat(factors.totpSecret(a.username())).hasValueSatisfying(k -> assertThat(Base32.encode(k)).isEqualTo(a.totpSecret()));
            String code = DemoAccounts.currentCode(dataDir, a.username(), Clock.systemUTC());
            mvc.perform(post("/login/second-factor").param("code", code).session(session).with(csrf())).andExpect(redirectedUrl("/"));
            mvc.perform(get("/").session(session)).andExpect(status().isOk());
        }
        mvc.perform(formLogin().user("analyst").password("not-the-password")).andExpect(unauthenticated());

        assertThat(accounts.ensure(dataDir)).isEqualTo(first);

        // A lost file means new passwords (the old ones exist nowhere but as hashes).
        Files.delete(file);
        List<DemoAccounts.Account> renewed = accounts.ensure(dataDir);
        assertThat(renewed.getFirst().password()).isNotEqualTo(first.getFirst().password());
        mvc.perform(formLogin().user("analyst").password(first.getFirst().password())).andExpect(unauthenticated());
        mvc.perform(formLogin().user("analyst").password(renewed.getFirst().password())).andExpect(authenticated());
    }
}
