package besa.exchange.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The composer past the multipart cap in the real servlet container (MockMvc has no cap): the answer
 * is UploadCap's redirect with the message, not the container's failure, whatever the filters in
 * front of it do with the unreadable form. ExchangeAttachmentsTest covers the page it leads to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"besa.exchange.enabled=true",
        "besa.exchange.node-id=asp-cap", "besa.exchange.agency=ASP", "besa.exchange.port=0", "besa.exchange.max-attachment-bytes=524288",
        "spring.servlet.multipart.max-request-size=1MB", "spring.servlet.multipart.max-file-size=1MB"})
class UploadCapServerTest {
    @LocalServerPort int port;

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry r) throws Exception {
        Path dir = Files.createTempDirectory("besa-upload-cap");
        r.add("besa.exchange.key-dir", () -> dir.resolve("keys").toString());
        r.add("besa.exchange.attachment-dir", () -> dir.resolve("files").toString());
    }

    @Test
    void aComposerSubmissionOverTheCapIsSentBackWithTheMessageNotTheContainersError() throws Exception {
        UUID earlier = UUID.randomUUID();
        byte[] body = new byte[1536 * 1024];
        byte[] head = "--xyz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n".getBytes();
        System.arraycopy(head, 0, body, 0, head.length);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/exchange/compose?kept=" + earlier))
                .header("Content-Type", "multipart/form-data; boundary=xyz").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .contains("/exchange/compose?tooLarge=" + body.length, "attachments=" + earlier));
        // Under the cap the request goes on to the security filters as before (no session: sent to sign in, no redirect of ours).
        HttpResponse<String> small = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/exchange/compose"))
                .header("Content-Type", "multipart/form-data; boundary=xyz").POST(HttpRequest.BodyPublishers.ofByteArray(head)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(small.headers().firstValue("Location").orElse("")).doesNotContain("tooLarge");
    }

    @org.springframework.beans.factory.annotation.Autowired besa.access.UserAccounts accounts;
    @org.springframework.beans.factory.annotation.Autowired besa.access.ApiTokens tokens;

    @Test
    void aRestUploadOverTheLimitIsA413ProblemEvenPastWhatTheContainerSwallows() throws Exception {
        String token = besa.access.TestTokens.accountWithToken(accounts, tokens, "cap-liaison", besa.access.Role.LIAISON_OFFICER);
        byte[] body = new byte[3 * 1024 * 1024]; // over the limit (512 KiB) and over what Tomcat reads of an unread body (2 MiB)
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/exchange/attachments?name=big.bin"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("big.bin", "larger than the limit of 524288 bytes");
    }
}
