package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.AccessProfiles;
import besa.access.Compartments;
import besa.access.Role;
import besa.access.Totp;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.casefile.CaseFile;
import besa.vetting.casefile.CaseFixture;
import besa.vetting.casefile.Cases;
import besa.vetting.personnel.PersonnelRegister;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Subject protection for case files in a real browser: the member finds the case in "My cases" and
 * opens it; a vetting officer who is the case's subject (even made a member of its compartment) is
 * suspended from vetting work while it is open (the neutral "suspended" page); one who is no member
 * finds nothing in the list and gets the ordinary not-found page at its address.
 */
class CaseSubjectProtectionBrowserTest extends BrowserTestBase {
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister personnel;
    @Autowired AlertWriter alerts;
    @Autowired AccessProfiles profiles;
    @Autowired Compartments compartments;
    @Autowired Cases cases;

    private final byte[] key = Totp.newSecret();
    private String member;
    private String subject;
    private String outsider;
    private CaseFile.Summary theCase;

    @BeforeAll
    void seed() {
        CaseFixture f = new CaseFixture(jdbc, access, personnel, alerts, profiles);
        String officer = f.officer("ui-off", "Dritëro", null, "Çela-" + run);
        member = vettingOfficer("ui-vo-member-" + run, null);
        subject = vettingOfficer("ui-vo-subject-" + run, officer);
        outsider = vettingOfficer("ui-vo-outsider-" + run, null);
        theCase = CaseFixture.as(member, () -> cases.open(officer, f.alert(officer), "browser test of subject protection", "127.0.0.1"));
        // "Somehow a member": the subject in the case's compartment must still see nothing.
        long compartment = f.system(() -> jdbc.sql("select compartment_id from vetting_case where id = ?").param(theCase.id()).query(Long.class).single());
        compartments.grant(compartment, subject, "browser test");
    }

    private String vettingOfficer(String name, String officerId) {
        enrol(name, name, password, Set.of(Role.VETTING_OFFICER), key);
        if (officerId != null) profiles.linkOfficer(name, officerId);
        return name;
    }

    /** Each user signs in once, so each may use the current time step's code. */
    private void logInAs(String user) {
        typePassword(user, password);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
        typeCode(Totp.code(key, Totp.step(Instant.now())));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/logout']")));
    }

    @Test
    void theSubjectAndANonMemberFindNothingWhileTheMemberSeesTheCase() throws Exception {
        logInAs(member);
        open("/vetting/cases?lang=en");
        driver.findElement(By.linkText(theCase.reference())).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reference"), theCase.reference()));
        assertThat(driver.findElement(By.id("officer")).getText()).contains("Dritëro", "Çela-" + run);
        assertThat(driver.findElements(By.cssSelector(".pillar"))).hasSize(3);
        screenshot("case-member");
        logOut();

        // The subject: while the case about him is open he does no vetting work at all; the page says so
        // in neutral words, nothing of the case.
        logInAs(subject);
        for (String path : new String[] {"/vetting/cases?lang=en", "/vetting/cases/" + theCase.id() + "?lang=en"}) {
            open(path);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.denied p.refusal")));
            assertThat(driver.findElement(By.cssSelector("p.refusal")).getText()).isEqualTo("Your vetting access is suspended. Contact the head of the unit.");
            assertThat(driver.getPageSource()).doesNotContain(theCase.reference()).doesNotContain("Çela-" + run);
        }
        screenshot("case-subject-suspended");
        logOut();

        for (String user : new String[] {outsider}) {
            logInAs(user);
            open("/vetting/cases?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-cases")));
            assertThat(driver.getPageSource()).doesNotContain(theCase.reference()).doesNotContain("Çela-" + run);
            open("/vetting/cases/" + theCase.id() + "?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.notfound")));
            assertThat(driver.getPageSource()).doesNotContain(theCase.reference()).doesNotContain("Çela-" + run);
            String notFound = driver.findElement(By.tagName("h1")).getText();
            // The same page as for an id that never existed.
            open("/vetting/cases/" + Long.MAX_VALUE + "?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.notfound")));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(notFound);
            logOut();
        }
    }
}
