package besa.access;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
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
}
