package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Login, the language switch and keyboard access, in a real browser. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellBrowserTest extends BrowserTestBase {

    @Test
    @Order(1)
    void wrongPasswordShowsTheErrorAndTheRightOneLandsOnHome() throws IOException {
        open("/");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(htmlLang()).isEqualTo("sq");
        screenshot("login");

        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("not-the-password-" + run);
        driver.findElement(By.cssSelector("form[action$='/login'] button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error[role=alert]")));
        assertThat(error.getText()).isEqualTo("Përdorues ose fjalëkalim i gabuar.");
        screenshot("login-error");

        logIn();
        setPurpose();
        assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/");
        assertThat(driver.findElement(By.cssSelector("header .user")).getText()).isEqualTo(username);
        assertThat(driver.findElement(By.cssSelector("form[role=search] input#q")).isDisplayed()).isTrue();
        screenshot("home");
    }

    @Test
    @Order(2)
    void languageChoiceIsRememberedAcrossPagesAndLogins() {
        open("/");
        driver.findElement(By.cssSelector("header a[lang=en]")).click();
        wait.until(d -> "en".equals(htmlLang()));
        assertThat(driver.findElement(By.cssSelector("header nav a")).getText()).isEqualTo("Search");

        open("/search");
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Search");
        // A search typed with htmx survives the switch: the language links follow the address bar.
        driver.findElement(By.id("q")).sendKeys("Hoxha");
        wait.until(ExpectedConditions.urlContains("q=Hoxha"));
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("header a[lang=sq]"), "href", "q=Hoxha"));
        driver.findElement(By.cssSelector("header a[lang=sq]")).click();
        wait.until(d -> "sq".equals(htmlLang()));
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("Hoxha");
        driver.findElement(By.cssSelector("header a[lang=en]")).click();
        wait.until(d -> "en".equals(htmlLang()));

        logOut();
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Log in to Besa");
        logIn();
        setPurpose();
        assertThat(htmlLang()).isEqualTo("en");

        driver.findElement(By.cssSelector("header a[lang=sq]")).click();
        wait.until(d -> "sq".equals(htmlLang()));
        open("/search");
        assertThat(htmlLang()).isEqualTo("sq");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Kërkim");
    }

    @Test
    @Order(3)
    void keyboardAloneReachesTheSearchBoxWithVisibleFocus() {
        open("/");
        WebElement box = driver.findElement(By.id("q"));
        // A freshly loaded page has focus nowhere: the first Tab goes to its first control.
        int presses = 0;
        while (!box.equals(driver.switchTo().activeElement()) && presses < 20) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            presses++;
            WebElement focused = driver.switchTo().activeElement();
            if (!"body".equals(focused.getTagName())) {
                assertThat(focused.getCssValue("outline-style")).as("focus ring on %s", focused.getTagName()).isNotEqualTo("none");
            }
        }
        assertThat(driver.switchTo().activeElement()).isEqualTo(box);
        assertThat(presses).isLessThan(20);

        new Actions(driver).sendKeys("Hoxha").sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.urlContains("/search?q=Hoxha"));
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("Hoxha");
    }

    @Test
    @Order(4)
    void skipLinkMovesFocusToTheContent() {
        open("/");
        assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/");
        // Start from the top of the document whatever the browser left focused after loading,
        // so the first Tab is the one a keyboard user makes on arrival.
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        ((JavascriptExecutor) driver).executeScript(
                "if (document.activeElement) document.activeElement.blur();"
                        + "document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex');");
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement skip = driver.switchTo().activeElement();
        assertThat(skip.getAttribute("class")).as("first Tab lands on %s", skip.getAttribute("outerHTML")).isEqualTo("skip");
        assertThat(skip.isDisplayed()).isTrue();
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.urlContains("#main"));
    }
}
