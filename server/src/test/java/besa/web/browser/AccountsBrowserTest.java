package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.AccountStatus;
import besa.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An administrator disables an account on the Accounts page; a user issues an API token and uses it. */
class AccountsBrowserTest extends BrowserTestBase {
    @Autowired JdbcClient jdbc;
    final String target = "target-" + run;

    @BeforeAll
    void administrator() {
        jdbc.sql("update app_user set roles = '{ADMINISTRATOR}' where username = ?").param(username).update();
        accounts.upsert(target, "Target " + run, "target password " + run, Set.of(Role.ANALYST));
    }

    @Test
    void administratorDisablesAnAccountAndIssuesTheirOwnToken() throws Exception {
        logIn();
        driver.findElement(By.cssSelector("header nav a[href$='/admin/accounts']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-" + target)));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Llogaritë");
        screenshot("accounts");

        driver.findElement(By.cssSelector("#account-" + target + " form[action$='/disable'] button")).click();
        var notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice[role=status]")));
        assertThat(notice.getText()).isEqualTo("Llogaria " + target + " u çaktivizua; seancat e saj mbarojnë në kërkesën e ardhshme.");
        assertThat(accounts.find(target).orElseThrow().status()).isEqualTo(AccountStatus.DISABLED);

        open("/account/tokens");
        driver.findElement(By.id("label")).sendKeys("browser test");
        driver.findElement(By.cssSelector("form[action$='/account/tokens'] button[type=submit]")).click();
        String token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token"))).getText();
        assertThat(token).startsWith("besa_");
        screenshot("api-token-issued");

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/sources")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
