package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.audit.AuditOutcome;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on end to end: Besa, a real OpenID provider (Spring Authorization Server, in its own
 * embedded server) and a real Chromium walk the authorization code flow with PKCE, state and nonce.
 * Accounts stay local: the provider only says who signed in and how.
 */
@DirtiesContext // the context points at this class's provider, which stops with the class
class OidcLoginBrowserTest extends BrowserTestBase {
    static final String CLIENT_SECRET = "test-secret-" + UUID.randomUUID();
    static final String PROVIDER_PASSWORD = "provider-password";
    static TestOpenIdProvider provider;

    @Autowired JdbcClient jdbc;

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        provider = TestOpenIdProvider.start();
        registry.add("besa.oidc.issuer-uri", provider::issuer);
        registry.add("besa.oidc.client-id", () -> "besa");
        registry.add("besa.oidc.client-secret", () -> CLIENT_SECRET);
        registry.add("besa.oidc.provider-name", () -> "Test SSO");
    }

    @BeforeAll
    void accountsHereAndThere() {
        // Spring Authorization Server accepts loopback redirect URIs as IP literals only, hence 127.0.0.1.
        provider.registerClient("besa", CLIENT_SECRET, url("/login/oauth2/code/sso"));
        accounts.upsert(local("analyst"), "SSO Analyst", password, Set.of(Role.ANALYST));
        accounts.upsert(local("admin"), "SSO Admin", password, Set.of(Role.ADMINISTRATOR));
        accounts.upsert(local("single"), "SSO One Factor", password, Set.of(Role.ANALYST));
        accounts.upsert(local("disabled"), "SSO Disabled", password, Set.of(Role.ANALYST));
        jdbc.sql("update app_user set enabled = false where username = ?").param(local("disabled")).update();
        accounts.upsert(local("forger"), "SSO Nonce", password, Set.of(Role.ANALYST));
        accounts.upsert(local("bound"), "SSO Bound", password, Set.of(Role.ANALYST));

        provider.addUser(at("anna"), PROVIDER_PASSWORD, profile("analyst", "pwd", "otp"));
        provider.addUser(at("adam"), PROVIDER_PASSWORD, profile("admin", "hwk"));
        provider.addUser(at("ghost"), PROVIDER_PASSWORD, profile("ghost", "pwd", "otp"));
        provider.addUser(at("single"), PROVIDER_PASSWORD, profile("single", "pwd"));
        provider.addUser(at("dora"), PROVIDER_PASSWORD, profile("disabled", "mfa"));
        provider.addUser(at("twin"), PROVIDER_PASSWORD, profile("bound", "otp"));
        provider.addUser(at("forger"), PROVIDER_PASSWORD,
                new TestOpenIdProvider.Profile(local("forger"), List.of("pwd", "otp"), true));
    }

    @AfterAll
    void stopProvider() {
        if (provider != null) provider.close();
    }

    /** Both servers listen on 127.0.0.1 (see {@link #accountsHereAndThere}). */
    @Override
    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void signInMapsToTheLocalAccountAndItsLocalRolesOnly() throws Exception {
        long from = auditSize();
        signIn(at("anna"));
        assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/");
        assertThat(driver.findElement(By.cssSelector("header .user")).getText()).isEqualTo(local("analyst"));
        screenshot("oidc-signed-in");
        // The provider's token claims ADMINISTRATOR; the local account is an analyst, and that is what counts.
        open("/actuator/prometheus");
        assertThat(driver.getPageSource()).doesNotContain("jvm_memory");
        assertThat(events(from, AuditAction.LOGIN_SUCCESS, local("analyst")))
                .singleElement().satisfies(e -> assertThat(e.clientAddress()).isEqualTo("127.0.0.1"));
        assertThat(jdbc.sql("select subject from oidc_binding where issuer = ? and username = ?")
                .params(provider.issuer(), local("analyst")).query(String.class).single()).isEqualTo(at("anna"));

        // The same account signs in again through the same subject: the binding holds.
        signIn(at("anna"));
        assertThat(driver.findElement(By.cssSelector("header .user")).getText()).isEqualTo(local("analyst"));

        signIn(at("adam"));
        assertThat(driver.findElement(By.cssSelector("header .user")).getText()).isEqualTo(local("admin"));
        open("/actuator/prometheus");
        assertThat(driver.getPageSource()).contains("jvm_memory");
    }

    @Test
    void theLoginPageOffersSingleSignOnInBothLanguages() {
        driver.manage().deleteAllCookies();
        open("/login");
        assertThat(driver.findElement(By.id("oidc-login")).getText()).isEqualTo("Hyr me Test SSO");
        open("/login?lang=en");
        assertThat(driver.findElement(By.id("oidc-login")).getText()).isEqualTo("Sign in with Test SSO");
        // The password form is still there, unchanged.
        assertThat(driver.findElement(By.id("password")).isDisplayed()).isTrue();
        open("/login?lang=sq");
    }

    @Test
    void anUnknownAccountIsRefusedAndAudited() throws Exception {
        long from = auditSize();
        signIn(at("ghost"));
        assertThat(refusal()).isEqualTo(
                "Hytë në Test SSO, por asnjë llogari Besa nuk ka këtë emër përdoruesi. Një administrator duhet ta krijojë më parë llogarinë tuaj Besa.");
        screenshot("oidc-unknown-account");
        assertNotLoggedIn();
        assertThat(failures(from, "(unknown account)")).containsExactly("UnknownAccount");
    }

    @Test
    void aTokenWithoutASecondFactorIsRefusedAndAudited() {
        long from = auditSize();
        signIn(at("single"));
        assertThat(refusal()).startsWith("Besa kërkon dy faktorë, por Test SSO nuk konfirmoi një faktor të dytë");
        assertNotLoggedIn();
        assertThat(failures(from, local("single"))).containsExactly("SecondFactorMissing");
        assertThat(events(from, AuditAction.LOGIN_SUCCESS, local("single"))).isEmpty();
        // Refused before any binding: the account could still sign in properly later.
        assertThat(bindings(local("single"))).isZero();

        open("/login?oidc-error=second-factor-missing&lang=en");
        assertThat(refusal()).startsWith("Besa requires two factors, and Test SSO did not confirm a second factor");
        open("/login?lang=sq");
    }

    @Test
    void aDisabledAccountIsRefusedAndAudited() {
        long from = auditSize();
        signIn(at("dora"));
        assertThat(refusal()).isEqualTo("Llogaria juaj Besa është e çaktivizuar. Ju lutemi drejtohuni një administratori.");
        assertNotLoggedIn();
        assertThat(failures(from, local("disabled"))).containsExactly("AccountDisabled");
    }

    @Test
    void anAccountBoundToAnotherSubjectIsRefused() {
        jdbc.sql("insert into oidc_binding (issuer, subject, username) values (?, 'someone-else', ?)")
                .params(provider.issuer(), local("bound")).update();
        long from = auditSize();
        signIn(at("twin"));
        assertThat(refusal()).startsWith("Kjo llogari Besa është e lidhur me një identitet tjetër në Test SSO.");
        assertNotLoggedIn();
        assertThat(failures(from, local("bound"))).containsExactly("SubjectMismatch");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        long from = auditSize();
        signIn(at("forger"));
        assertThat(refusal()).startsWith("Hyrja me Test SSO dështoi");
        assertNotLoggedIn();
        assertThat(failures(from, "(unknown account)")).containsExactly("ProtocolFailure");
        assertThat(events(from, AuditAction.LOGIN_SUCCESS, local("forger"))).isEmpty();
    }

    @Test
    void aCallbackWithAForgedStateIsRefused() {
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("oidc-login")).click(); // Besa now holds a real authorization request
        wait.until(ExpectedConditions.urlContains(provider.issuer() + "/login"));
        long from = auditSize();
        open("/login/oauth2/code/sso?code=stolen-code&state=forged-state");
        assertThat(refusal()).startsWith("Hyrja me Test SSO dështoi");
        assertNotLoggedIn();
        assertThat(failures(from, "(unknown account)")).containsExactly("ProtocolFailure");
    }

    // --- the flow and what it left behind

    /** From Besa's login page to the provider, log in there, and wait until Besa has answered. */
    private void signIn(String login) {
        open("/login");
        driver.manage().deleteAllCookies(); // both servers' sessions: they share the host 127.0.0.1
        open("/login");
        driver.findElement(By.id("oidc-login")).click();
        wait.until(ExpectedConditions.urlContains(provider.issuer() + "/login"));
        driver.findElement(By.id("username")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(PROVIDER_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/logout']")),
                ExpectedConditions.presenceOfElementLocated(By.id("oidc-error"))));
    }

    private String refusal() {
        return driver.findElement(By.id("oidc-error")).getText();
    }

    private void assertNotLoggedIn() {
        assertThat(driver.findElements(By.cssSelector("form[action$='/logout']"))).isEmpty();
        open("/");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private String local(String who) {
        return "sso-" + run + "-" + who;
    }

    private String at(String who) {
        return who + "-" + run;
    }

    private TestOpenIdProvider.Profile profile(String localName, String... amr) {
        return new TestOpenIdProvider.Profile(local(localName), List.of(amr), false);
    }

    private long bindings(String username) {
        return jdbc.sql("select count(*) from oidc_binding where username = ?").param(username).query(Long.class).single();
    }

    private long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private List<AuditEvent> events(long from, AuditAction action, String actor) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list().stream()
                .filter(e -> e.action() == action && e.actor().equals(actor)).toList();
    }

    /** The reasons of the failed logins recorded for the actor; each must name the client's address. */
    private List<String> failures(long from, String actor) {
        List<AuditEvent> failed = events(from, AuditAction.LOGIN_FAILURE, actor);
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
        });
        return failed.stream().map(AuditEvent::target).toList();
    }
}
