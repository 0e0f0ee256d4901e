package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;

import besa.access.Role;
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
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class DemoAccountsTest {
    @Autowired DemoAccounts accounts;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

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
            mvc.perform(formLogin().user(a.username()).password(a.password())).andExpect(authenticated().withRoles(a.role().name()));
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
