package besa.exchange.transport;

import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.envelope.SharedAttachment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts sealed messages to partners over mutual TLS: our certificate as the client's, the partner's
 * registered certificates as the only trusted server certificates. One HTTP client per partner and
 * set of certificates (a rotation builds a new one).
 */
public final class DeliveryClient {
    /** The partner's answer: HTTP status and body. */
    public record Response(int status, String body) {}

    private final NodeIdentity me;
    private final PartnerRegistry partners;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public DeliveryClient(NodeIdentity me, PartnerRegistry partners, Clock clock, Duration connectTimeout, Duration requestTimeout) {
        this.me = me;
        this.partners = partners;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    public Response post(Partner partner, String jwe) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(partner.baseUrl() + ExchangeServer.PATH))
                .timeout(requestTimeout)
                .header("Content-Type", "application/jose")
                .POST(HttpRequest.BodyPublishers.ofString(jwe))
                .build();
        HttpResponse<String> resp = client(partner.id()).send(req, HttpResponse.BodyHandlers.ofString());
        return new Response(resp.statusCode(), resp.body());
    }

    /**
     * Uploads one attachment's ciphertext, streamed from {@code file}, under its id; the partner
     * stores it only if it hashes to {@code a.cipherSha256()}. Sending it again is harmless.
     */
    public Response putAttachment(Partner partner, SharedAttachment a, Path file, Duration timeout) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(partner.baseUrl() + ExchangeServer.ATTACHMENTS_PATH + a.id()))
                .timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .header(ExchangeServer.CIPHER_SHA256, a.cipherSha256())
                .PUT(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<String> resp = client(partner.id()).send(req, HttpResponse.BodyHandlers.ofString());
        return new Response(resp.statusCode(), resp.body());
    }

    /** Whether the partner holds this attachment's ciphertext already (a retry need not send it again). */
    public boolean hasAttachment(Partner partner, SharedAttachment a) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(partner.baseUrl() + ExchangeServer.ATTACHMENTS_PATH + a.id()))
                .timeout(requestTimeout)
                .header(ExchangeServer.CIPHER_SHA256, a.cipherSha256())
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        return client(partner.id()).send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private HttpClient client(String partnerId) {
        List<X509Certificate> certs = partners.certificates(partnerId);
        if (certs.isEmpty()) throw new IllegalStateException("no TLS certificate registered for partner " + partnerId);
        String key = partnerId + "|" + String.join(",", certs.stream().map(Certificates::fingerprint).sorted().toList());
        return clients.computeIfAbsent(key, k -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .sslContext(Tls.context(me, Tls.pinnedServers(certs, clock)))
                .build());
    }
}
