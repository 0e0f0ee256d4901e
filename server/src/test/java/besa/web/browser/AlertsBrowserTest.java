package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Role;
import besa.access.Totp;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertFixtures;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.PersonnelRegister;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The vetting unit's alert triage in a real browser: a vetting officer opens the queue and the top
 * alert, reads the explanation and the drawn network path, agrees with one factor and disagrees with
 * another, dismisses the alert, and it leaves the open queue. Then the subject-protection rule: a
 * vetting officer who is himself the subject of an alert neither sees it nor reaches it, and an
 * analyst is refused the vetting pages.
 */
class AlertsBrowserTest extends BrowserTestBase {
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister register;
    @Autowired AlertWriter writer;

    final String officer = "BT-" + run, subjectOfficer = "BS-" + run;
    final String subject = "subj-" + run, analyst = "anal-" + run;
    final String subjectPassword = "subject password " + run, analystPassword = "analyst password " + run;
    final byte[] subjectKey = Totp.newSecret(), analystKey = Totp.newSecret();
    long triaged, hidden;

    @BeforeAll
    void world() {
        jdbc.sql("update app_user set roles = '{VETTING_OFFICER}' where username = ?").param(username).update();
        enrol(subject, "Subject " + run, subjectPassword, Set.of(Role.VETTING_OFFICER), subjectKey);
        jdbc.sql("update app_user set officer_id = ? where username = ?").params(subjectOfficer, subject).update();
        enrol(analyst, "Analyst " + run, analystPassword, Set.of(Role.ANALYST), analystKey);

        AlertFixtures fx = new AlertFixtures(access, register, writer);
        fx.officer(officer, "Gentian", "Brahimi" + run, "Durrës police");
        triaged = fx.alert(officer, AlertFixtures.network(officer, "b" + run, 0.95), AlertFixtures.colocation(officer, "b" + run, 0.9),
                AlertFixtures.identifier(officer, "b" + run, 0.8));
        fx.officer(subjectOfficer, "Ilir", "Vetingu" + run, "Vetting unit");
        hidden = fx.alert(subjectOfficer, AlertFixtures.network(subjectOfficer, "s" + run, 0.99));
    }

    @BeforeEach
    void freshSession() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void aVettingOfficerTriagesAnAlertFromTheQueueToDismissal() throws Exception {
        logIn();
        driver.findElement(By.cssSelector("header nav a[href$='/vetting/alerts']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-count")));
        assertThat(driver.findElement(By.cssSelector(".subnav a[aria-current=page]")).getText()).isEqualTo("Sinjalizimet");
        // Narrow the queue to the officer (the database is shared with other tests), then open the top alert.
        driver.findElement(By.id("f-officer")).sendKeys(officer);
        driver.findElement(By.cssSelector("form.alert-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("officer=" + officer));
        WebElement top = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.alert-queue tbody tr")));
        assertThat(top.getAttribute("data-alert")).isEqualTo(Long.toString(triaged));
        assertThat(top.getText()).contains("Gentian Petrit Brahimi" + run, "Durrës police", "99 %")
                .contains("Telefoni i punonjësit komunikon me një anëtar të grupit Grupi-b" + run);
        assertThat(top.findElement(By.cssSelector(".band")).getAttribute("textContent")).isEqualTo("i lartë"); // shown upper case
        screenshot("alerts-queue");
        top.findElement(By.cssSelector("a.subject")).click();

        // The explanation, and the network path drawn by Cytoscape.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".path-graph[data-state=ready] canvas")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Gentian Petrit Brahimi" + run);
        assertThat(driver.findElement(By.id("factors")).getText())
                .contains("Kriptotelefoni acc-b" + run + " ishte 3 herë pranë punonjësit", "Durrës port", "Tirana, Blloku");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return window.besaAlertGraphs[0].nodes().map(function (n) { return n.data('label'); });");
        assertThat(labels).containsExactly("+355691112223", "+355697778889", "Member b" + run, "Grupi-b" + run);
        Long edges = (Long) ((JavascriptExecutor) driver).executeScript("return window.besaAlertGraphs[0].edges().length;");
        assertThat(edges).isEqualTo(3L);
        assertThat(driver.findElements(By.cssSelector(".timeline .tl-mark"))).hasSize(3);
        screenshot("alert-detail");

        decide("COLOCATION", "AGREE", "Tre takime në port jashtë orarit të shërbimit");
        decide("IDENTIFIER", "DISAGREE", "Numri i vjetër i komisariatit, jo i tij");
        WebElement history = driver.findElement(By.id("history"));
        assertThat(history.getText()).contains("Tre takime në port jashtë orarit të shërbimit", "Numri i vjetër i komisariatit, jo i tij",
                "Dakord", "Jo dakord");

        driver.findElement(By.id("dismiss-reason")).sendKeys("Takimet ishin pjesë e detyrës në port");
        WebElement form = driver.findElement(By.id("dismiss"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.stalenessOf(form));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Sinjalizimi u mbyll pa pasoja."));
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("I mbyllur pa pasoja");
        assertThat(driver.findElement(By.id("dismissal")).getText()).contains(username, "Takimet ishin pjesë e detyrës në port");
        screenshot("alert-dismissed");

        // It has left the open queue.
        driver.findElement(By.cssSelector(".subnav a[href$='/vetting/alerts']")).click();
        driver.findElement(By.id("f-officer")).sendKeys(officer);
        driver.findElement(By.cssSelector("form.alert-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("officer=" + officer));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-empty")));
        assertThat(driver.findElements(By.cssSelector("tr[data-alert='" + triaged + "']"))).isEmpty();
    }

    @Test
    void theSubjectDoesNotSeeHisAlertAndAnAnalystIsRefused() throws Exception {
        logIn(subject, subjectPassword, subjectKey);

        // Raised by screening (NEW), nobody has looked yet: he works on, and never sees it.
        open("/vetting/alerts?status=NEW,ASSIGNED,DISMISSED,ESCALATED&size=100");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-count")));
        assertThat(driver.findElements(By.cssSelector("tr[data-alert='" + hidden + "']"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("Vetingu" + run);
        // Once a colleague takes it up he does no vetting work: the neutral "suspended" page, nothing of the alert.
        access.system(s -> jdbc.sql("update vetting_alert set status = 'ASSIGNED', assignee = ? where id = ?").params(username, hidden).update());
        open("/vetting/alerts");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.denied p.refusal")));
        assertThat(driver.findElement(By.cssSelector("p.refusal")).getText())
                .isEqualTo("Hyrja juaj në vetting është pezulluar. Kontaktoni drejtuesin e njësisë.");
        assertThat(driver.getPageSource()).doesNotContain("Vetingu" + run);
        screenshot("alert-subject-suspended");
        // Dismissed, he works again, and his alert stays hidden from him.
        access.system(s -> jdbc.sql("update vetting_alert set status = 'DISMISSED', dismiss_reason = 'no concern' where id = ?").param(hidden).update());

        open("/vetting/alerts?status=NEW,ASSIGNED,DISMISSED,ESCALATED&size=100");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-count")));
        assertThat(driver.findElements(By.cssSelector("tr[data-alert='" + hidden + "']"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("Vetingu" + run);
        open("/vetting/alerts?officer=" + subjectOfficer);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-empty")));

        open("/vetting/alerts/" + hidden);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.notfound")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Nuk u gjet");
        assertThat(driver.getPageSource()).doesNotContain("Vetingu" + run);
        screenshot("alert-subject-not-found");
        logOut();

        logIn(analyst, analystPassword, analystKey);
        assertThat(driver.findElements(By.cssSelector("header nav a[href$='/vetting/alerts']"))).isEmpty();
        open("/vetting/alerts");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.denied")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Hyrja nuk lejohet");
        screenshot("alerts-analyst-denied");
    }

    private void decide(String kind, String verdict, String reason) {
        WebElement factor = driver.findElement(By.cssSelector("article.factor[data-kind=" + kind + "]"));
        factor.findElement(By.cssSelector("input[name=verdict][value=" + verdict + "]")).click();
        factor.findElement(By.cssSelector("textarea[name=reason]")).sendKeys(reason);
        factor.findElement(By.cssSelector("form.decision button[type=submit]")).click();
        wait.until(ExpectedConditions.stalenessOf(factor)); // the page reloads after the post
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Vendimi juaj u regjistrua."));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".path-graph[data-state=ready] canvas")));
    }
}
