package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** An analyst uploads a partner CSV with its mapping, watches it finish, and finds what it brought in. */
class ImportBrowserTest extends BrowserTestBase {

    @Test
    void uploadsACsvWithItsMappingAndFindsTheImportedPerson() throws Exception {
        String surname = "Qyqja" + run.replaceAll("[0-9]", "").toLowerCase();
        Path dir = Files.createTempDirectory("besa-ui-import");
        Path csv = Files.writeString(dir.resolve("partner.csv"), """
                ref,full_name,born,phones
                R-1,Arben %1$s,12.03.1985,069 123 4567
                R-2,Dritan %1$s,1990,+383 44 123 456
                """.formatted(surname));
        Path mapping = Files.writeString(dir.resolve("partner.yaml"), """
                source:
                  id: ui-import-%s
                  title: Partner list uploaded in a browser test
                  originator: TNP
                  legalBasis: AL-TR police cooperation agreement, art. 5
                  evaluation: B2
                  handling: H1
                recordId: ref
                entities:
                  - name: person
                    type: Person
                    properties:
                      name: full_name
                      birthDate: born
                  - name: phone
                    type: Phone
                    properties:
                      number: phones
                relations:
                  - type: Uses
                    subject: person
                    object: phone
                """.formatted(run));

        logIn();
        setPurpose();
        open("/import");
        driver.findElement(By.id("file")).sendKeys(csv.toString());
        driver.findElement(By.id("mapping")).sendKeys(mapping.toString());
        screenshot("import-form");
        driver.findElement(By.cssSelector("form.import-form button[type=submit]")).click();

        // The job page polls with htmx until the state cell turns into the success notice.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#progress td.notice")));
        String facts = driver.findElement(By.id("progress")).getText();
        screenshot("import-done");
        assertThat(facts).contains("2");

        open("/search?q=" + surname);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText("Arben " + surname)));
        driver.findElement(By.partialLinkText("Arben " + surname)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "TNP"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("B2").contains("H1");
    }
}
