package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Role;
import besa.access.Totp;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The partner registry in the browser: a liaison officer adds a partner and asks for its agreement; a
 * second officer sees the request on the registry page and approves it; the agreement then applies.
 */
@TestPropertySource(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-reg-ui", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.store-received=1h"})
class PartnerRegistryBrowserTest extends BrowserTestBase {
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-registry-ui");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired PartnerRegistry registry;

    @Test
    void addAPartnerAskForItsAgreementAndASecondOfficerApproves() throws Exception {
        String partner = "tnp-" + run;
        String first = "liaison-ra-" + run, second = "liaison-rb-" + run;
        byte[] firstKey = Totp.newSecret(), secondKey = Totp.newSecret();
        enrol(first, "Liaison A", password, Set.of(Role.LIAISON_OFFICER), firstKey);
        enrol(second, "Liaison B", password, Set.of(Role.LIAISON_OFFICER), secondKey);

        logIn(first, password, firstKey);
        open("/exchange/partners?lang=en");
        driver.findElement(By.id("id")).sendKeys(partner);
        driver.findElement(By.id("agency")).sendKeys("Turkish National Police");
        driver.findElement(By.id("country")).sendKeys("TR");
        driver.findElement(By.id("url")).clear();
        driver.findElement(By.id("url")).sendKeys("https://exchange.tnp.example:8443");
        driver.findElement(By.id("contact")).sendKeys("liaison@tnp.example");
        driver.findElement(By.id("reason")).sendKeys("Agreement 2024/7 signed");
        driver.findElement(By.cssSelector("#add-partner button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("agreement")));
        assertThat(driver.findElement(By.id("status")).getText()).contains("incomplete", "agreement", "certificate");

        driver.findElement(By.cssSelector("#agreement input[value='PERSON']")).click();
        driver.findElement(By.id("legalBasis")).sendKeys("Agreement 2024/7 art. 5");
        new Select(driver.findElement(By.id("maxHandling"))).selectByValue("H2");
        driver.findElement(By.id("agreement-reason")).sendKeys("signed on 1 December");
        driver.findElement(By.cssSelector("#agreement button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "second liaison officer"));
        assertThat(driver.findElement(By.id("history")).getText()).contains("waiting", "signed on 1 December");
        screenshot("partner-page");
        assertThat(registry.agreement(partner)).isEmpty();
        open("/exchange/partners?lang=en");
        driver.findElement(By.cssSelector("button.approve")).click(); // his own: refused
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));
        assertThat(driver.findElement(By.cssSelector("p.error")).getText()).contains("second liaison officer");
        logOut();

        logIn(second, password, secondKey);
        open("/exchange/partners?lang=en");
        assertThat(driver.findElement(By.tagName("section")).getText()).contains("Turkish National Police", first, "up to H2");
        screenshot("partner-registry");
        driver.findElement(By.cssSelector("button.approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Approved"));
        assertThat(registry.agreement(partner).orElseThrow().maxHandling()).isEqualTo(HandlingCode.H2);
        assertThat(driver.findElement(By.id("partner-" + partner)).getText()).contains("PERSON, up to H2", "no onward transfer");
    }
}
