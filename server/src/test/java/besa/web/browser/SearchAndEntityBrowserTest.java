package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** Search across scripts and phone formats, and the entity page with provenance and the chart. */
class SearchAndEntityBrowserTest extends BrowserTestBase {
    /** Syllables with an unambiguous Serbian Cyrillic rendering, to build a surname no other test uses. */
    private static final String[][] SYLLABLES = {
        {"ka", "ка"}, {"lo", "ло"}, {"mi", "ми"}, {"re", "ре"}, {"tu", "ту"}, {"ne", "не"}, {"sa", "са"},
        {"vi", "ви"}, {"do", "до"}, {"ra", "ра"}, {"be", "бе"}, {"ku", "ку"}};

    @Autowired IntelStore store;

    String surname, surnameCyrillic, localPhone, e164;
    String person, phone, device, partner;

    @BeforeAll
    void seed() {
        Random random = new Random(run.hashCode());
        StringBuilder latin = new StringBuilder(), cyrillic = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String[] s = SYLLABLES[random.nextInt(SYLLABLES.length)];
            latin.append(s[0]);
            cyrillic.append(s[1]);
        }
        surname = Character.toUpperCase(latin.charAt(0)) + latin.substring(1);
        surnameCyrillic = Character.toUpperCase(cyrillic.charAt(0)) + cyrillic.substring(1);
        String digits = String.format("%07d", random.nextInt(10_000_000));
        localPhone = "069 " + digits.substring(0, 3) + " " + digits.substring(3);
        e164 = PropertyType.PHONE.clean(localPhone);

        String europol = "ui-europol-" + run, police = "ui-asp-" + run;
        store.saveSource(new Source(europol, "Europol SIENA extract " + run, "EUROPOL", "Europol Regulation art. 18"));
        store.saveSource(new Source(police, "ASP case file " + run, "ASP", "Law 108/2014 art. 7"));
        Provenance fromEuropol = new Provenance(europol, "r1", "EUROPOL", "Europol Regulation art. 18",
                LocalDate.of(2024, 2, 1), LocalDate.of(2025, 6, 30), Grading.parse("B2"), Handling.H2, LocalDate.of(2027, 1, 1));
        Provenance fromPolice = new Provenance(police, "c7", "ASP", "Law 108/2014 art. 7",
                null, null, Grading.parse("A1"), Handling.H0, null);

        person = "ui-p-" + run;
        phone = "ui-ph-" + run;
        device = "ui-d-" + run;
        partner = "ui-p2-" + run;
        List<EntityRecord> records = new ArrayList<>();
        records.add(new EntityRecord(person, EntityType.Person, List.of(
                new Statement(person, "name", "Arben " + surname, "Arben " + surname, fromPolice),
                new Statement(person, "name", "Arben " + surname, "ARBEN " + surname.toUpperCase(), fromEuropol),
                new Statement(person, "birthDate", "1985-03-12", "12.03.1985", fromEuropol))));
        records.add(new EntityRecord(phone, EntityType.Phone, List.of(new Statement(phone, "number", e164, localPhone, fromPolice))));
        String imei = PropertyType.IMEI.clean("35693803564380");
        records.add(new EntityRecord(device, EntityType.Device, List.of(new Statement(device, "imei", imei, imei, fromPolice))));
        records.add(new EntityRecord(partner, EntityType.Person, List.of(
                new Statement(partner, "name", "Dritan " + surname, "Dritan " + surname, fromPolice))));
        records.add(relation("ui-u1-" + run, EntityType.Uses, person, phone, fromPolice));
        records.add(relation("ui-u2-" + run, EntityType.Uses, person, device, fromPolice));
        records.add(relation("ui-a-" + run, EntityType.Association, partner, person, fromEuropol));
        store.save(records);
        logIn();
        setPurpose();
    }

    private static EntityRecord relation(String id, EntityType type, String subject, String object, Provenance p) {
        return new EntityRecord(id, type, List.of(new Statement(id, "subject", subject, subject, p),
                new Statement(id, "object", object, object, p)));
    }

    /** Types into the search box (htmx sends it without a submit) and waits for a result linking to the entity. */
    private WebElement searchFor(String text, String entityId) {
        open("/search");
        WebElement box = driver.findElement(By.id("q"));
        box.sendKeys(text);
        By hit = By.cssSelector("ol.results li[data-id='" + entityId + "']");
        return wait.until(ExpectedConditions.visibilityOfElementLocated(hit));
    }

    @Test
    void findsAPersonByACyrillicRenderingAndSaysWhy() throws IOException {
        WebElement hit = searchFor("Арбен " + surnameCyrillic, person);
        assertThat(hit.findElement(By.cssSelector("a.caption")).getText()).isEqualTo("Arben " + surname);
        assertThat(hit.findElements(By.cssSelector(".reasons li"))).isNotEmpty()
                .anySatisfy(r -> assertThat(r.getText()).containsIgnoringCase(surname));
        // htmx put the search into the address bar, so it can be bookmarked and shared.
        wait.until(ExpectedConditions.urlContains("q="));
        screenshot("search");
    }

    @Test
    void findsAPhoneTypedTheLocalWayAndSaysWhy() {
        WebElement hit = searchFor(localPhone, phone);
        assertThat(hit.findElement(By.cssSelector(".type-tag")).getText()).isEqualToIgnoringCase("Telefon");
        assertThat(hit.findElements(By.cssSelector(".reasons li")))
                .anySatisfy(r -> assertThat(r.getText()).contains(e164));
        // Changing a filter searches again at once; people only, so the phone goes.
        new Select(driver.findElement(By.id("type"))).selectByValue("Person");
        wait.until(ExpectedConditions.urlContains("type=Person"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("ol.results li[data-id='" + phone + "']")));
    }

    @Test
    void theSearchFormWorksAsAPlainGet() {
        open("/search?q=" + e164.replace("+", "%2B") + "&type=Phone");
        WebElement hit = driver.findElement(By.cssSelector("ol.results li[data-id='" + phone + "']"));
        assertThat(hit.isDisplayed()).isTrue();
        assertThat(driver.findElement(By.cssSelector("select#type option:checked")).getAttribute("value")).isEqualTo("Phone");
    }

    @Test
    void entityPageShowsProvenanceRelationsAndTheChart() throws IOException {
        open("/entities/" + person);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Arben " + surname);

        WebElement names = driver.findElement(By.cssSelector("tbody[data-prop=name]"));
        List<WebElement> provenance = names.findElements(By.cssSelector("ul.prov"));
        assertThat(provenance).hasSize(2);
        assertThat(names.findElements(By.cssSelector(".badge.grade .code"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("A1", "B2");
        WebElement restricted = names.findElement(By.cssSelector(".badge.handling.h2"));
        assertThat(restricted.getText()).contains("H2");
        assertThat(restricted.getAttribute("title")).contains("H2");
        assertThat(names.findElement(By.cssSelector(".badge.grade[title]")).getAttribute("title")).isNotBlank();
        assertThat(names.getText()).contains("EUROPOL", "ASP", "Europol Regulation art. 18", "ui-europol-" + run);

        WebElement birth = driver.findElement(By.cssSelector("tbody[data-prop=birthDate]"));
        assertThat(birth.findElement(By.cssSelector("td.value")).getText()).isEqualTo("1985-03-12");
        assertThat(birth.findElement(By.cssSelector(".original")).getText()).contains("12.03.1985");
        assertThat(birth.getText()).contains("2024-02-01", "2025-06-30", "2027-01-01");

        assertThat(driver.findElements(By.cssSelector("[data-rel='Uses.out'] li"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("[data-rel='Association.in']")).getText()).contains("Dritan " + surname);

        WebElement graph = driver.findElement(By.id("graph"));
        wait.until(d -> "ready".equals(graph.getAttribute("data-state")));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(((Number) js.executeScript("return window.besaGraph.nodes().length")).intValue()).isEqualTo(4);
        assertThat(((Number) js.executeScript("return window.besaGraph.edges().length")).intValue()).isEqualTo(3);
        assertThat(graph.findElements(By.tagName("canvas"))).isNotEmpty();
        screenshot("entity");

        // The phone's page shows the clean number and the way it was supplied.
        driver.findElement(By.cssSelector("[data-rel='Uses.out'] a[href$='/entities/" + phone + "']")).click();
        WebElement number = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tbody[data-prop=number]")));
        assertThat(number.findElement(By.cssSelector("td.value")).getText()).isEqualTo(e164);
        assertThat(number.findElement(By.cssSelector(".original")).getText()).contains(localPhone);
        screenshot("entity-phone");
    }

    @Test
    void unknownEntityGivesABilingualNotFoundPage() throws IOException {
        open("/entities/no-such-" + run);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Nuk u gjet");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("no-such-" + run);
        screenshot("not-found");
        open("/entities/no-such-" + run + "?lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        open("/no-such-page-" + run); // any unknown address, through the container's error page
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(htmlLang()).isEqualTo("en");
        open("/?lang=sq");
    }
}
