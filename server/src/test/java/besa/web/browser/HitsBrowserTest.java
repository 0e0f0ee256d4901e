package besa.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Role;
import besa.access.Totp;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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
 * Hit/no-hit in the browser: a liaison officer asks a partner about a person (with a justification)
 * and sees the query waiting; then approves a partner's data request on the releases page. (The
 * answers between nodes are HitsBetweenNodesTest's: the partner here is registered but unreachable,
 * and its data request is put in the inbox as the worker would have registered it.)
 */
@TestPropertySource(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-hits-ui", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.store-received=1h",
        "besa.exchange.hit-poll=1h"})
class HitsBrowserTest extends BrowserTestBase {
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-hits-ui");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;

    @Test
    void askAHitQueryAndApproveARelease() throws Exception {
        String partner = "tnp-" + run;
        TestPartners.register(registry, keys, "Turkish National Police", "TR", new Agreement(partner, EnumSet.of(Category.PERSON), "Agreement 2024/7 art. 5", HandlingCode.H2, false));
        String entity = "ui-hit-" + run;
        jdbc.sql("insert into source (id, title, originator, legal_basis) values ('ui-hsrc-" + run + "', 'Case', 'ASP', 'Law 108/2014')").update();
        jdbc.sql("insert into entity (id, type, caption) values (?, 'Person', 'Dritan Hoxha')").param(entity).update();
        jdbc.sql("""
                insert into statement (entity_id, prop, value, original, source_id, originator, legal_basis, source_grade, info_grade, handling)
                values (?, 'name', 'Dritan Hoxha', 'Dritan Hoxha', ?, 'ASP', 'Law 108/2014', 'B', 2, 1)""").params(entity, "ui-hsrc-" + run).update();
        // The partner asked us about him, got a hit with a reference, and asks for the data.
        UUID query = UUID.randomUUID(), request = UUID.randomUUID(), thread = UUID.randomUUID();
        String ref = ("R" + run + "0000000000000").substring(0, 24);
        inbox(query, partner, "HIT_QUERY", thread, "{\"type\":\"hit-query\",\"query\":{\"kind\":\"PERSON\",\"value\":\"Dritan Hoxha\",\"birthDate\":\"1980-01-01\"}}");
        jdbc.sql("insert into exchange_hit_received (message_id, partner_id, query, outcome, answered_at) values (?, ?, ?::jsonb, 'HIT', now())")
                .params(query, partner, "{\"kind\":\"PERSON\",\"value\":\"Dritan Hoxha\",\"birthDate\":\"1980-01-01\"}").update();
        jdbc.sql("insert into exchange_hit_reference (ref, partner_id, query_id, entity_ids, created_at) values (?, ?, ?, ?, now())")
                .params(ref, partner, query, new String[] {entity}).update();
        inbox(request, partner, "REQUEST", thread, "{\"type\":\"hit-data-request\",\"ref\":\"" + ref + "\",\"why\":\"joint operation " + run + "\"}");
        jdbc.sql("insert into exchange_hit_release (request_id, ref, partner_id, status, requested_at) values (?, ?, ?, 'PENDING', now())")
                .params(request, ref, partner).update();

        String officer = "liaison-h-" + run;
        byte[] key = Totp.newSecret();
        enrol(officer, "Liaison H", password, Set.of(Role.LIAISON_OFFICER), key);
        logIn(officer, password, key);

        // Ask: a person by name and birth date, with a justification.
        open("/exchange/hits?lang=en");
        new Select(driver.findElement(By.id("partner"))).selectByValue(partner);
        new Select(driver.findElement(By.id("kind"))).selectByValue("PERSON");
        driver.findElement(By.id("value")).sendKeys("Arben Krasniqi");
        driver.findElement(By.id("birthDate")).sendKeys("12.03.1985");
        driver.findElement(By.id("justification")).clear();
        driver.findElement(By.id("justification")).sendKeys("CASE 2026/" + run.substring(0, 4));
        driver.findElement(By.id("ask-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "The query has left"));
        String row = driver.findElement(By.id("asked")).getText();
        assertThat(row).contains("Arben Krasniqi", "1985-03-12", "CASE 2026/" + run.substring(0, 4), "waiting");
        screenshot("hits-asked");

        // Approve the partner's data request.
        driver.findElement(By.id("pending-releases")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("release-" + request)));
        assertThat(driver.findElement(By.id("release-" + request)).getText()).contains("Dritan Hoxha", "joint operation " + run, partner);
        screenshot("hits-release");
        driver.findElement(By.cssSelector("#release-" + request + " button.approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Approved"));
        assertThat(driver.findElements(By.id("release-" + request))).isEmpty();
        assertThat(jdbc.sql("select count(*) from exchange_outbox where thread_id = ? and kind = 'REPLY' and message::text like '%Dritan Hoxha%'")
                .param(thread).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select decided_by from exchange_hit_release where request_id = ?").param(request).query(String.class).single()).isEqualTo(officer);

        // Cross-matching: offer a list by uploading a CSV (a bad file first: every bad line shown, nothing stored).
        Path bad = Files.writeString(keys.resolve("bad-" + run + ".csv"), "phone,+355 69 111 0001\nphone,12\nfax,1\n");
        Path good = Files.writeString(keys.resolve("good-" + run + ".csv"), "kind,value\nphone,+355 69 111 0001\nimei,356938035643809\n");
        open("/exchange/crossmatch?lang=en");
        new Select(driver.findElement(By.id("offer-partner"))).selectByValue(partner);
        driver.findElement(By.id("offer-name")).sendKeys("users-" + run);
        driver.findElement(By.id("offer-file")).sendKeys(bad.toString());
        driver.findElement(By.id("offer-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("line-errors")));
        assertThat(driver.findElement(By.id("line-errors")).getText()).contains("line 2: '12' is not a valid phone number", "line 3: 'fax' is not phone");
        new Select(driver.findElement(By.id("offer-partner"))).selectByValue(partner);
        driver.findElement(By.id("offer-name")).sendKeys("users-" + run);
        driver.findElement(By.id("offer-file")).sendKeys(good.toString());
        driver.findElement(By.id("offer-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "The list is offered (2 items)"));
        assertThat(driver.findElement(By.id("offers")).getText()).contains("users-" + run);
        // A CLK secret generated here is shown once.
        new Select(driver.findElement(By.id("secret-partner"))).selectByValue(partner);
        driver.findElement(By.id("secret-generate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret-value")));
        assertThat(java.util.Base64.getDecoder().decode(driver.findElement(By.id("secret-value")).getText())).hasSize(32);
        screenshot("crossmatch-secret");
        open("/exchange/crossmatch?lang=en");
        assertThat(driver.findElements(By.id("secret-value"))).isEmpty();
        assertThat(driver.findElement(By.id("secret-states")).getText()).contains(partner + ": set on");
    }

    /** Other contexts of this JVM share the database with their own key files: no sealed secret of ours may stay. */
    @AfterEach
    void removeSealedSecrets() {
        jdbc.sql("delete from exchange_clk_secret where partner_id like 'tnp-%'").update();
    }

    private void inbox(UUID id, String partner, String kind, UUID thread, String note) {
        String message = """
                {"id":"%s","from":"%s","to":"asp-hits-ui","kind":"%s","thread":"%s","priority":"HIGH","replyBy":null,
                 "createdAt":"2026-12-06T14:00:00.000Z","validUntil":"2099-12-20T14:00:00.000Z","nonce":"n-%s","legalBasis":"Agreement 2024/7 art. 5",
                 "onwardTransfer":false,"payload":{"note":%s,"entities":[]}}""".formatted(id, partner, kind, thread, id, quote(note));
        jdbc.sql("""
                insert into exchange_inbox (message_id, partner_id, kind, thread_id, priority, reply_by, sent_at, received_at, message, jwe_sha256, receipt)
                values (?, ?, ?, ?, 'HIGH', now() + interval '3 days', now(), now(), ?::jsonb, ?, 'receipt')""")
                .params(id, partner, kind, thread, message, "sha-" + id).update();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
