package besa.access.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;

/** Without besa.oidc.issuer-uri there is no single sign-on at all: no beans, no link, no endpoints. */
@SpringBootTest
@AutoConfigureMockMvc
class OidcOffTest {
    @Autowired MockMvc mvc;
    @Autowired ApplicationContext context;

    @Test
    void notConfiguredMeansNoSingleSignOn() throws Exception {
        assertThat(context.getBeansOfType(OidcLogin.class)).isEmpty();
        assertThat(context.getBeansOfType(ClientRegistrationRepository.class)).isEmpty();
        String page = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"password\"").doesNotContain("oidc-login").doesNotContain("/oauth2/authorization");
        // The protocol's URLs are just pages behind the login like any other.
        mvc.perform(get("/oauth2/authorization/sso")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }
}
