package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Role;
import besa.access.Totp;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import besa.exchange.sharing.DailySharing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Daily sharing in the browser: one liaison officer sets a schedule on the page; the package is built
 * (runDue, as the poll would); a second officer approves it in the calendar and sees it sent in the
 * history. (Delivery is SharingBetweenNodesTest's: the partner here is registered but unreachable.)
 */
@TestPropertySource(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-share-ui", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.store-received=1h",
        "besa.exchange.sharing-poll=1h"})
class SharingBrowserTest extends BrowserTestBase {
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-sharing-ui");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired DailySharing sharing;

    @Test
    void scheduleThenApproveAPackageInTheCalendar() throws Exception {
        String partner = "cert-" + run;
        TestPartners.register(registry, keys, "CERT-RO", "RO", new Agreement(partner, EnumSet.of(Category.CYBER_INDICATOR), "Budapest Convention art. 26", HandlingCode.H2, false));
        String source = "ui-feed-" + run;
        jdbc.sql("insert into source (id, title, originator, legal_basis) values (?, 'CERT feed', 'CERT-AL', 'Law 2/2017')").param(source).update();
        String first = "share-a-" + run, second = "share-b-" + run;
        byte[] firstKey = Totp.newSecret(), secondKey = Totp.newSecret();
        enrol(first, "Liaison A", password, Set.of(Role.LIAISON_OFFICER), firstKey);
        enrol(second, "Liaison B", password, Set.of(Role.LIAISON_OFFICER), secondKey);

        // The first officer sets a schedule: cyber indicators of the feed, Mondays and Thursdays at 06:30.
        logIn(first, password, firstKey);
        open("/exchange/sharing?lang=en");
        driver.findElement(By.id("new-schedule")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("schedule")));
        new Select(driver.findElement(By.id("partner"))).selectByValue(partner);
        new Select(driver.findElement(By.id("category"))).selectByValue("CYBER_INDICATOR");
        driver.findElement(By.id("source")).sendKeys(source);
        driver.findElement(By.id("time")).clear();
        driver.findElement(By.id("time")).sendKeys("06:30");
        driver.findElement(By.cssSelector("input[name=days][value=MONDAY]")).click();
        driver.findElement(By.cssSelector("input[name=days][value=THURSDAY]")).click();
        new Select(driver.findElement(By.id("ceiling"))).selectByValue("H2");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "schedule was saved"));
        assertThat(driver.findElement(By.id("schedules")).getText()).contains(partner, "Cyber indicators", "Monday", "Thursday", "06:30", first);
        assertThat(driver.findElement(By.id("calendar")).getText()).contains(partner);
        logOut();

        // Material arrives, the due time passes: the package is built.
        jdbc.sql("insert into entity (id, type, caption) values (?, 'Indicator', 'Phishing domain')").param("ui-ind-" + run).update();
        jdbc.sql("""
                insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade, handling)
                values (?, 'pattern', '[domain-name:value = ''bank-login.example'']', 'x', ?, 'CERT-AL', 'Law 2/2017', 'B', 2, 1)""")
                .params("ui-ind-" + run, source).update();
        sharing.runDue(Instant.now().plus(Duration.ofDays(8)));

        // The second officer approves it in the calendar.
        logIn(second, password, secondKey);
        open("/exchange/sharing?lang=en");
        String pending = driver.findElement(By.cssSelector("div[id^=package-]")).getText();
        assertThat(pending).contains(partner, "Cyber indicators", first, "bank-login.example", "H1");
        screenshot("sharing-approval");
        driver.findElement(By.cssSelector("div[id^=package-] button.approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "approved and sent"));
        assertThat(driver.findElement(By.id("history")).getText()).contains(partner, "sent, waiting for the receipt", second);
        assertThat(driver.findElements(By.cssSelector("div[id^=package-]"))).isEmpty();
        screenshot("sharing-history");
    }
}
