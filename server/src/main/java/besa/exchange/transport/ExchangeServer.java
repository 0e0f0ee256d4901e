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
 * problem document for a refused message (the sender must not retry, except 409: an attachment is
 * missing), 503 when we cannot store or audit now (the sender retries).
 * {@code PUT /exchange/v1/attachments/<id>} takes one attachment's ciphertext, streamed to disk, with
 * its SHA-256 in {@value #CIPHER_SHA256}; 200 when it is stored (again or for the first time);
 * {@code HEAD} on the same path answers 200 if we hold that content already, else 404.
 * Slow clients are cut off by the JDK server's own timers ({@link Limits}).
 */
public final class ExchangeServer implements SmartLifecycle {
    public static final String PATH = "/exchange/v1/messages";
    public static final String ATTACHMENTS_PATH = "/exchange/v1/attachments/";
    public static final String CIPHER_SHA256 = "X-Besa-Ciphertext-Sha256";
    /** How long a delivery waits for its turn to be stored before it is answered 503 (the sender retries). */
    static final int STORING_WAIT_SECONDS = 30;

    /**
     * Read and idle limits of the JDK HTTP server: a request (headers and body) must arrive within
     * {@code read}, the response be taken within {@code write}, a connection may sit idle (before its
     * first byte, or between requests) {@code idle}, and at most {@code maxConnections} are open.
     * The JDK reads them from system properties once per JVM, when its first HTTP server starts
     * ({@code sun.net.httpserver.maxReqTime}, {@code maxRspTime}, {@code idleInterval},
     * {@code jdk.httpserver.maxConnections}); so they are set before that, and the first node of a JVM decides.
     */
    public record Limits(java.time.Duration read, java.time.Duration write, java.time.Duration idle, int maxConnections) {
        private static volatile Limits applied;

        public Limits {
            if (read.toSeconds() < 1 || write.toSeconds() < 1 || idle.toSeconds() < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("besa.exchange.server-*-timeout must be at least 1s and server-max-connections at least 1");
            }
        }

        void apply() {
            synchronized (Limits.class) {
                applyOnce();
            }
        }

        private void applyOnce() {
            if (applied != null) {
                if (!applied.equals(this)) log.warn("exchange endpoint limits {} ignored: the JDK HTTP server of this JVM already uses {}", this, applied);
                return;
            }
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(read.toSeconds()));
            System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(write.toSeconds()));
            System.setProperty("sun.net.httpserver.idleInterval", Long.toString(idle.toSeconds()));
            System.setProperty("jdk.httpserver.maxConnections", Integer.toString(maxConnections));
            applied = this;
        }
    }
    private static final Logger log = LoggerFactory.getLogger(ExchangeServer.class);

    private final SSLContext ssl;
    private final Inbox inbox;
    private final PartnerRegistry partners;
    private final besa.exchange.attachment.Attachments attachments;
    private final Limits limits;
    private final String bindAddress;
    private final long maxBytes;
    private final java.util.concurrent.Semaphore storing;
    private volatile int port;
    private HttpsServer server;
    private ExecutorService executor;

    public ExchangeServer(NodeIdentity me, Inbox inbox, PartnerRegistry partners, besa.exchange.attachment.Attachments attachments, AuditLog audit,
                          Clock clock, Limits limits, String bindAddress, int port, long maxBytes, int maxStoring) {
        this.ssl = Tls.context(me, new ClientCertificates(partners, audit, clock, () -> inbox.count(besa.exchange.envelope.Rejection.UNTRUSTED_CERTIFICATE)));
        this.inbox = inbox;
        this.partners = partners;
        this.attachments = attachments;
        this.limits = limits;
        this.bindAddress = bindAddress;
        this.port = port;
        this.maxBytes = maxBytes;
        if (maxStoring < 1) throw new IllegalArgumentException("besa.exchange.max-storing-deliveries must be at least 1");
        // Each delivery being stored holds a pooled connection while its audit event is written, and the
        // audit writer needs one too: a burst of partners' deliveries must never take the whole pool.
        this.storing = new java.util.concurrent.Semaphore(maxStoring, true);
    }

    @Override
    public synchronized void start() {
        if (server != null) return;
        limits.apply(); // before the JDK server classes read them
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
            s.createContext(ATTACHMENTS_PATH, this::handleAttachment);
            executor = Executors.newVirtualThreadPerTaskExecutor();
            s.setExecutor(executor);
            s.start();
            server = s;
            port = s.getAddress().getPort(); // a restart binds the same port again
            log.info("Exchange endpoint listening on https://{}:{}{} (mutual TLS; {})", bindAddress, port, PATH, limits);
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
            if (!storing.tryAcquire(STORING_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                respond(ex, 503, "application/problem+json", problem("unavailable", "busy storing other deliveries; try again later"));
                return;
            }
            Inbox.Outcome outcome;
            try {
                outcome = body == null
                        ? inbox.refuse(sender, null, new RejectedException(Rejection.TOO_LARGE, "body over " + maxBytes + " bytes"), client)
                        : inbox.accept(sender, new String(body, StandardCharsets.US_ASCII).strip(), client);
            } finally {
                storing.release();
            }
            switch (outcome) {
                case Inbox.Accepted a -> respond(ex, 200, "application/jose", a.receipt());
                case Inbox.Duplicate d -> respond(ex, 200, "application/jose", d.receipt());
                case Inbox.Refused r -> refuse(ex, r);
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("exchange delivery cut: {}", e.getMessage()); // nothing stored; the sender retries
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: nothing stored, the sender retries
        } catch (AuditUnavailableException | org.springframework.dao.DataAccessException e) {
            log.warn("exchange delivery not stored now, sender will retry: {}", e.getMessage());
            try {
                respond(ex, 503, "application/problem+json", problem("unavailable", "try again later"));
            } catch (IOException ignored) {
                // the sender retries anyway
            }
        }
    }

    /** One attachment's ciphertext, streamed to disk; kept only whole and with the announced hash. */
    private void handleAttachment(HttpExchange ex) {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            java.util.UUID id;
            try {
                id = java.util.UUID.fromString(path.substring(ATTACHMENTS_PATH.length()));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                id = null;
            }
            boolean head = "HEAD".equals(ex.getRequestMethod());
            if (!"PUT".equals(ex.getRequestMethod()) && !head || id == null) {
                respond(ex, 404, "application/problem+json", problem("not found", "PUT or HEAD " + ATTACHMENTS_PATH + "<uuid> only"));
                return;
            }
            String sender = sender((HttpsExchange) ex);
            String client = ex.getRemoteAddress().getAddress().getHostAddress();
            if (sender == null) {
                respond(ex, 403, "application/problem+json", problem("forbidden", "client certificate not registered"));
                return;
            }
            var noAgreement = inbox.refuseUpload(sender, id, client);
            if (noAgreement.isPresent()) { // files come only with messages, and messages only under an agreement
                drain(ex.getRequestBody());
                refuse(ex, noAgreement.get());
                return;
            }
            String sha = ex.getRequestHeaders().getFirst(CIPHER_SHA256);
            if (sha == null || !sha.matches("[0-9a-f]{64}")) {
                refuse(ex, inbox.refuse(sender, null, new RejectedException(Rejection.MALFORMED, "attachment " + id + ": " + CIPHER_SHA256
                        + " must be a hex SHA-256"), client));
                return;
            }
            if (head) { // "do you have it?": lets a retry skip a file that arrived whole before
                boolean here = attachments.holds(sender, id, sha);
                ex.getResponseHeaders().set("Connection", "close");
                ex.sendResponseHeaders(here ? 200 : 404, -1);
                return;
            }
            String declared = ex.getRequestHeaders().getFirst("Content-Length");
            long length = declared == null ? -1 : Long.parseLong(declared.strip());
            if (length > attachments.maxCipherBytes()) { // refused before a byte of it is stored
                drain(ex.getRequestBody());
                refuse(ex, inbox.refuse(sender, null, new RejectedException(Rejection.TOO_LARGE, "attachment " + id + " of " + length
                        + " bytes, over " + attachments.maxCipherBytes()), client));
                return;
            }
            var counted = new CountingInputStream(ex.getRequestBody());
            try {
                var outcome = attachments.receive(sender, id, sha, length, new CheckedLength(counted, length));
                if (outcome == besa.exchange.attachment.Attachments.Received.STORED) inbox.uploaded(sender, id, counted.count, client);
                respond(ex, 200, "application/json", "{\"id\":\"" + id + "\",\"sha256\":\"" + sha + "\",\"outcome\":\"" + outcome + "\"}");
            } catch (besa.exchange.attachment.Attachments.TooLarge e) {
                drain(counted);
                refuse(ex, inbox.refuse(sender, null, new RejectedException(Rejection.TOO_LARGE, "attachment " + id + ": " + e.getMessage()), client));
            } catch (besa.exchange.attachment.Attachments.OverQuota e) {
                drain(counted); // a 507 the sender reads, not a reset: it retries later
                refuse(ex, inbox.refuse(sender, null, new RejectedException(Rejection.OVER_QUOTA, "attachment " + id + ": " + e.getMessage()), client));
            } catch (besa.exchange.attachment.Attachments.WrongHash e) {
                refuse(ex, inbox.refuse(sender, null, new RejectedException(Rejection.MALFORMED, e.getMessage()), client));
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("exchange attachment upload cut: {}", e.getMessage()); // nothing kept; the sender retries
        } catch (AuditUnavailableException | org.springframework.dao.DataAccessException e) {
            log.warn("exchange attachment not stored now, sender will retry: {}", e.getMessage());
            try {
                respond(ex, 503, "application/problem+json", problem("unavailable", "try again later"));
            } catch (IOException ignored) {
                // the sender retries anyway
            }
        }
    }

    /**
     * Reads the rest of a refused body and throws it away: a TLS client that is still sending when the
     * connection closes sees a reset, not our 413, and would retry what is refused for good. The time
     * this may take is bounded by the server's read timeout; nothing is stored.
     */
    private static void drain(InputStream body) throws IOException {
        body.transferTo(java.io.OutputStream.nullOutputStream());
    }

    private static void refuse(HttpExchange ex, Inbox.Refused r) throws IOException {
        respond(ex, status(r.reason()), "application/problem+json", problem(r.reason().name(), r.detail()));
    }

    /** 413 too large, 409 an attachment still missing (retry), 507 the partner's unclaimed uploads at their quota (retry), 400 a security refusal or content the store cannot take, 403 outside the agreement. */
    static int status(Rejection reason) {
        return switch (reason) {
            case TOO_LARGE -> 413;
            case MISSING_ATTACHMENT -> 409;
            case OVER_QUOTA -> 507;
            case INVALID_CONTENT -> 400;
            default -> reason.security() ? 400 : 403;
        };
    }

    /** Fails with IOException when the body ends before its Content-Length (a cut connection), so nothing half is kept. */
    private static final class CheckedLength extends java.io.FilterInputStream {
        private final CountingInputStream counted;
        private final long expected;

        CheckedLength(CountingInputStream in, long expected) {
            super(in);
            this.counted = in;
            this.expected = expected;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0 && expected >= 0 && counted.count < expected) {
                throw new IOException("connection closed after " + counted.count + " of " + expected + " bytes");
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
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
