package besa.access;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** MockMvc users that have passed both factors (password and TOTP), for tests of the pages behind them. */
public final class TestLogins {
    private TestLogins() {}

    public static RequestPostProcessor user(String username, String... roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String r : roles.length == 0 ? new String[] {"USER"} : roles) authorities.add(new SimpleGrantedAuthority("ROLE_" + r));
        authorities.add(FactorGrantedAuthority.fromAuthority(Factors.PASSWORD));
        authorities.add(FactorGrantedAuthority.fromAuthority(Factors.TOTP));
        return SecurityMockMvcRequestPostProcessors.user(username).authorities(authorities);
    }

    /** A MockMvc user that exists in {@code app_user} with exactly these roles and has passed both factors. */
    public static RequestPostProcessor account(JdbcClient jdbc, String username, Role... roles) {
        TestAccounts.ensure(jdbc, username, roles);
        return user(username, Arrays.stream(roles).map(Role::name).toArray(String[]::new));
    }

    /**
     * A real sign-in through both steps: enrols a fresh TOTP key for the account, posts the password,
     * then the code for {@code now} (the application's clock). Returns the signed-in session.
     */
    public static MockHttpSession logIn(MockMvc mvc, SecondFactors factors, String username, String password, Instant now)
            throws Exception {
        byte[] secret = Totp.newSecret();
        factors.enrolTotp(username, secret, -1, "");
        MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").param("username", username)
                        .param("password", password).with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
        mvc.perform(post(SecondFactorLogin.URL).param("code", Totp.code(secret, Totp.step(now))).session(session).with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }
}
