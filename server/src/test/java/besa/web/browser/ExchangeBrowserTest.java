package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Role;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import besa.access.Totp;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.store.Source;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Partner exchange in the browser: one liaison officer composes a message with H2 material and a
 * file, previews it and submits it for approval; a second officer approves it; the message is then read
 * in its thread. (Delivery is TwoNodesTest's: the partner here is registered but unreachable.)
 */
@TestPropertySource(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-ui", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.store-received=1h"})
class ExchangeBrowserTest extends BrowserTestBase {
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-exchange-ui");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired IntelStore store;

    @Test
    void composeApproveAndRead() throws Exception {
        String partner = "tnp-" + run;
        TestPartners.register(registry, keys, "Turkish National Police", "TR", new Agreement(partner, EnumSet.of(Category.PERSON), "Agreement 2024/7 art. 5", HandlingCode.H3, false));
        String entity = "ui-p-" + run;
        // Through the store, so the search finds it (it writes the search keys).
        store.saveSource(new Source("ui-src-" + run, "Case", "ASP", "Law 108/2014"));
        store.save(List.of(new EntityRecord(entity, EntityType.Person, List.of(new Statement(entity, "name", "Dritan Hoxha", "Dritan Hoxha",
                new Provenance("ui-src-" + run, "r1", "ASP", "Law 108/2014", null, null, Grading.parse("B2"), Handling.H2, null))))));
        String first = "liaison-a-" + run, second = "liaison-b-" + run;
        byte[] firstKey = Totp.newSecret(), secondKey = Totp.newSecret();
        enrol(first, "Liaison A", password, Set.of(Role.LIAISON_OFFICER), firstKey);
        enrol(second, "Liaison B", password, Set.of(Role.LIAISON_OFFICER), secondKey);

        // The first officer composes, previews and submits for approval.
        logIn(first, password, firstKey);
        setPurpose(); // the picker calls the search, which asks for the task's purpose
        open("/exchange/compose?lang=en");
        new Select(driver.findElement(By.id("partner"))).selectByValue(partner);
        new Select(driver.findElement(By.id("kind"))).selectByValue("REQUEST");
        new Select(driver.findElement(By.id("priority"))).selectByValue("URGENT");
        driver.findElement(By.id("note")).sendKeys("Please check this person " + run);
        // The entity is picked through the search box rather than typed.
        driver.findElement(By.id("pick-q")).sendKeys("Dritan Hoxha");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pick-results li[data-id='" + entity + "'] a.caption"))).click();
        wait.until(d -> d.findElement(By.id("entities")).getAttribute("value").contains(entity));
        Path file = Files.writeString(keys.resolve("raport-" + run + ".txt"), "Raport i operacionit " + run);
        driver.findElement(By.id("files")).sendKeys(file.toString()); // attached in the composer
        driver.findElement(By.id("preview")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("needs-approval")));
        assertThat(driver.findElement(By.cssSelector("table.shared-entities")).getText()).contains("Dritan Hoxha", "H2", "B2");
        assertThat(driver.findElement(By.cssSelector("table.attachments")).getText()).contains("raport-" + run + ".txt", "text/plain");
        screenshot("exchange-preview");
        driver.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "second liaison officer"));
        open("/exchange/approvals?lang=en");
        assertThat(driver.findElements(By.cssSelector("button.approve"))).isEmpty(); // never his own
        logOut();

        // The second officer approves.
        logIn(second, password, secondKey);
        open("/exchange/approvals?lang=en");
        assertThat(driver.findElement(By.tagName("section")).getText()).contains("Dritan Hoxha", first, "raport-" + run + ".txt");
        screenshot("exchange-approval");
        driver.findElement(By.cssSelector("button.approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Approved"));

        // ... and reads the message in its thread.
        open("/exchange?lang=en");
        driver.findElement(By.linkText(partner)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("messages")));
        driver.findElement(By.cssSelector("#messages a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("note")));
        assertThat(driver.findElement(By.id("note")).getText()).isEqualTo("Please check this person " + run);
        assertThat(driver.findElement(By.cssSelector("table.shared-entities")).getText()).contains("Dritan Hoxha", "H2");
        assertThat(driver.findElement(By.cssSelector("table.attachments")).getText()).contains("raport-" + run + ".txt");
        screenshot("exchange-message");
    }
}
