package besa.exchange.transport;

import besa.audit.AuditLog;
import besa.audit.AuditUnavailableException;
import besa.exchange.envelope.RejectedException;
import besa.exchange.envelope.Rejection;
import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.PartnerRegistry;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The receiving endpoint, {@code POST /exchange/v1/messages}, on its own HTTPS port apart from the
 * user-facing server: TLS 1.3 only and a client certificate required (mutual TLS). The body is one
 * compact JWE; the answer is 200 with our signed receipt ({@code application/jose}), 4xx with a
 * problem document for a refused message (the sender must not retry), 503 when we cannot store or
 * audit now (the sender retries).
 */
public final class ExchangeServer implements SmartLifecycle {
    public static final String PATH = "/exchange/v1/messages";
    private static final Logger log = LoggerFactory.getLogger(ExchangeServer.class);

    private final SSLContext ssl;
    private final Inbox inbox;
    private final PartnerRegistry partners;
    private final String bindAddress;
    private final long maxBytes;
    private volatile int port;
    private HttpsServer server;
    private ExecutorService executor;

    public ExchangeServer(NodeIdentity me, Inbox inbox, PartnerRegistry partners, AuditLog audit, Clock clock,
                          String bindAddress, int port, long maxBytes) {
        this.ssl = Tls.context(me, new ClientCertificates(partners, audit, clock));
        this.inbox = inbox;
        this.partners = partners;
        this.bindAddress = bindAddress;
        this.port = port;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void start() {
        if (server != null) return;
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 128);
            s.setHttpsConfigurator(new HttpsConfigurator(ssl) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = ssl.getDefaultSSLParameters();
                    p.setProtocols(new String[] {Tls.PROTOCOL});
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            s.createContext(PATH, this::handle);
            executor = Executors.newVirtualThreadPerTaskExecutor();
            s.setExecutor(executor);
            s.start();
            server = s;
            port = s.getAddress().getPort(); // a restart binds the same port again
            log.info("Exchange endpoint listening on https://{}:{}{} (mutual TLS)", bindAddress, port, PATH);
        } catch (IOException e) {
            throw new IllegalStateException("could not open the exchange endpoint on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) return;
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod()) || !PATH.equals(ex.getRequestURI().getPath())) {
                respond(ex, 404, "application/problem+json", problem("not found", "POST " + PATH + " only"));
                return;
            }
            String sender = sender((HttpsExchange) ex);
            String client = ex.getRemoteAddress().getAddress().getHostAddress();
            if (sender == null) {
                respond(ex, 403, "application/problem+json", problem("forbidden", "client certificate not registered"));
                return;
            }
            byte[] body = read(ex.getRequestBody());
            String declared = ex.getRequestHeaders().getFirst("Content-Length");
            if (body != null && declared != null && body.length < Long.parseLong(declared.strip())) {
                throw new IOException("connection closed after " + body.length + " of " + declared + " bytes");
            }
            Inbox.Outcome outcome = body == null
                    ? inbox.refuse(sender, null, new RejectedException(Rejection.TOO_LARGE, "body over " + maxBytes + " bytes"), client)
                    : inbox.accept(sender, new String(body, StandardCharsets.US_ASCII).strip(), client);
            switch (outcome) {
                case Inbox.Accepted a -> respond(ex, 200, "application/jose", a.receipt());
                case Inbox.Duplicate d -> respond(ex, 200, "application/jose", d.receipt());
                case Inbox.Refused r -> respond(ex, r.reason() == Rejection.TOO_LARGE ? 413
                        : r.reason().security() || r.reason() == Rejection.INVALID_CONTENT ? 400 : 403,
                        "application/problem+json", problem(r.reason().name(), r.detail()));
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("exchange delivery cut: {}", e.getMessage()); // nothing stored; the sender retries
        } catch (AuditUnavailableException | org.springframework.dao.DataAccessException e) {
            log.warn("exchange delivery not stored now, sender will retry: {}", e.getMessage());
            try {
                respond(ex, 503, "application/problem+json", problem("unavailable", "try again later"));
            } catch (IOException ignored) {
                // the sender retries anyway
            }
        }
    }

    private String sender(HttpsExchange ex) {
        try {
            var certs = ex.getSSLSession().getPeerCertificates();
            return partners.partnerForCertificate(Certificates.fingerprint((X509Certificate) certs[0])).orElse(null);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The body, or null if it is larger than allowed. A cut connection throws IOException. */
    private byte[] read(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > maxBytes) return null;
        }
        return out.toByteArray();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        // One delivery per connection: each starts a fresh handshake against the current trust list,
        // so a certificate removed from the registry stops working at once.
        ex.getResponseHeaders().set("Connection", "close");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static String problem(String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"detail\":" + quote(detail) + "}";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
