package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Base32;
import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The second factor in a real Chromium: TOTP enrolment and sign-in, and passkeys through a virtual authenticator. */
class MfaBrowserTest extends BrowserTestBase {
    @Autowired JdbcClient jdbc;

    private String newUser(String prefix) {
        String name = prefix + "-" + run;
        accounts.upsert(name, "MFA " + prefix, password, Set.of(Role.ANALYST));
        return name;
    }

    private void awaitHome() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/logout']")));
        // Spring's saved request brings the user back to the page first asked for ("/?continue" marks it).
        wait.until(ExpectedConditions.urlMatches("^" + url("/") + "(\\?continue)?$"));
    }

    /** The recovery codes shown after the first enrolment: ten, then on to the home page. */
    private void acknowledgeRecoveryCodes() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-codes")));
        assertThat(driver.findElements(By.cssSelector("#recovery-codes li code")))
                .hasSize(10).allSatisfy(c -> assertThat(c.getText()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}"));
        driver.findElement(By.id("continue")).click();
        awaitHome();
    }

    @Test
    void totpEnrolmentThenSignInWithTheCode() throws Exception {
        String user = newUser("totp");
        typePassword(user, password);
        wait.until(ExpectedConditions.urlContains("/mfa/enrol"));
        WebElement secret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totp-secret")));
        byte[] key = Base32.decode(secret.getText());
        assertThat(driver.findElement(By.id("otpauth-uri")).getText()).startsWith("otpauth://totp/Besa:" + user + "?secret=");
        assertThat(driver.findElements(By.cssSelector(".qr svg"))).hasSize(1);
        screenshot("mfa-totp-enrol");
        typeCode(nextCode(key));
        acknowledgeRecoveryCodes();

        logOut();
        typePassword(user, password);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
        assertThat(driver.getCurrentUrl()).endsWith("/login/second-factor");
        typeCode(nextCode(key));
        awaitHome();
        open("/security?lang=en");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("An authenticator app is set up.");
        logOut();
    }

    @Test
    void passkeyEnrolmentThenSignInWithThePasskey() throws Exception {
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
        try {
            String user = newUser("passkey");
            typePassword(user, password);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("passkey-register")));
            WebElement label = driver.findElement(By.id("passkey-label"));
            label.clear();
            label.sendKeys("virtual key");
            driver.findElement(By.id("passkey-register")).click();
            acknowledgeRecoveryCodes();
            assertThat(authenticator.getCredentials()).hasSize(1);
            assertThat(jdbc.sql("""
                    select c.label from user_credentials c join user_entities u on u.id = c.user_entity_user_id where u.name = ?""")
                    .param(user).query(String.class).list()).containsExactly("virtual key");
            List<AuditEvent> changes = jdbc.sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event())
                    .list().stream().filter(e -> e.actor().equals(user) && e.action() == AuditAction.CREDENTIAL_CHANGE).toList();
            assertThat(changes).extracting(AuditEvent::target).containsExactly("enrolled passkey 'virtual key'", "issued recovery codes");

            logOut();
            typePassword(user, password);
            WebElement usePasskey = wait.until(ExpectedConditions.elementToBeClickable(By.id("passkey-login")));
            screenshot("mfa-second-factor");
            usePasskey.click();
            awaitHome();
            open("/security?lang=en");
            assertThat(driver.findElement(By.id("passkeys")).getText()).contains("virtual key");
            logOut();
        } finally {
            ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
        }
    }
}
