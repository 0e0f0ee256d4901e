package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.BesaApplication;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.audit.AuditOutcome;
import besa.exchange.Exchange;
import besa.exchange.Outgoing;
import besa.exchange.SharingRefusedException;
import besa.exchange.attachment.AttachmentRefused;
import besa.exchange.attachment.Attachments;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.Receipt;
import besa.exchange.envelope.SharedAttachment;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.platform.db.EmbeddedPostgres;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two real Besa nodes in one test run: two Spring application contexts, each with its own database
 * (two databases on one embedded PostgreSQL server started by this test), its own data folder and
 * keys, its own exchange port on loopback, talking mutual TLS. Node A reaches node B through a
 * {@link FaultyProxy} that cuts, drops and hangs on demand. Every wait is an awaited condition.
 */
class TwoNodesTest {
    static EmbeddedPostgres pg;
    static Path root;
    /** Attachment limits: A sends up to 12 MB, B takes up to 6 MB, so each side's refusal can be seen. */
    static final long A_MAX_ATTACHMENT = 12L << 20;
    static final long B_MAX_ATTACHMENT = 6L << 20;
    static Node a;
    static Node b;
    static FaultyProxy proxy;

    /** One node: its context, restartable on the same database and data folder. */
    static final class Node {
        final String id;
        final Path dataDir;
        final String[] extra;
        ConfigurableApplicationContext ctx;

        Node(String id, String... extra) throws IOException {
            this.id = id;
            this.extra = extra;
            this.dataDir = Files.createDirectories(root.resolve(id));
            pg.createDatabaseIfMissing(id.replace('-', '_'));
            start();
        }

        void start() {
            List<String> args = new ArrayList<>(List.of(
                    "--besa.db.ephemeral=false",
                    "--besa.db.url=" + pg.jdbcUrl(id.replace('-', '_')),
                    "--besa.db.username=" + EmbeddedPostgres.APP_ROLE, "--besa.db.password=" + pg.appPassword(),
                    "--besa.db.owner-username=" + pg.username(), "--besa.db.owner-password=" + pg.password(),
                    "--besa.db.pool-size=6",
                    "--besa.data-dir=" + dataDir, "--server.port=0", "--besa.audit.origin=besa/" + id,
                    "--besa.exchange.enabled=true", "--besa.exchange.node-id=" + id, "--besa.exchange.agency=Agency " + id,
                    "--besa.exchange.port=0", "--besa.exchange.retry-base=50ms", "--besa.exchange.retry-max=400ms",
                    "--besa.exchange.lease=8s", "--besa.exchange.poll=100ms", "--besa.exchange.request-timeout=5s",
                    "--besa.exchange.connect-timeout=2s"));
            args.addAll(List.of(extra));
            ctx = new SpringApplicationBuilder(BesaApplication.class).run(args.toArray(String[]::new));
        }

        <T> T bean(Class<T> type) {
            return ctx.getBean(type);
        }

        JdbcClient jdbc() {
            return bean(JdbcClient.class);
        }

        /** A JSON POST to this node's own API (not the exchange endpoint) with a bearer token. */
        HttpResponse<String> post(String token, String path, String json) {
            return call(token, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> get(String token, String path) {
            return call(token, HttpRequest.newBuilder(uri(path)).GET());
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port") + path);
        }

        static HttpResponse<String> call(String token, HttpRequest.Builder r) {
            try (HttpClient c = HttpClient.newHttpClient()) {
                return c.send(r.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        int port() {
            return bean(ExchangeServer.class).port();
        }

        /** Registers {@code other} as a partner reachable at {@code port}, with an agreement. */
        void trust(Node other, int port, HandlingCode max) {
            PartnerRegistry r = bean(PartnerRegistry.class);
            NodeIdentity them = other.bean(NodeIdentity.class);
            r.save(new Partner(other.id, "Agency " + other.id, "TR", "https://127.0.0.1:" + port, "liaison@" + other.id, true));
            r.addCertificate(other.id, them.tlsCertificate());
            for (JWK k : them.publicKeys().getKeys()) r.addKey(other.id, k);
            r.saveAgreement(new Agreement(other.id, EnumSet.of(Category.PERSON, Category.CYBER_INDICATOR), "Agreement 2024/7 art. 5", max, false));
        }

        String status(UUID id) {
            return jdbc().sql("select status from exchange_outbox where message_id = ?").param(id).query(String.class).optional().orElse("NONE");
        }

        int attempts(UUID id) {
            return jdbc().sql("select attempts from exchange_outbox where message_id = ?").param(id).query(Integer.class).single();
        }

        int inboxCount(UUID id) {
            return jdbc().sql("select count(*) from exchange_inbox where message_id = ?").param(id).query(Integer.class).single();
        }

        List<AuditEvent> audit() {
            return jdbc().sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
        }

        long auditCount(AuditAction action, AuditOutcome outcome, String targetPart, String justificationPart) {
            return audit().stream().filter(e -> e.action() == action && e.outcome() == outcome && e.target().contains(targetPart)
                    && e.justification().contains(justificationPart)).count();
        }
    }

    @BeforeAll
    static void startNodes() throws IOException {
        root = Files.createTempDirectory("besa-two-nodes");
        root.toFile().setExecutable(true, false); // PostgreSQL runs as nobody when the tests run as root
        pg = EmbeddedPostgres.start(root.resolve("postgres"), false);
        a = new Node("node-a", "--besa.exchange.max-attachment-bytes=" + A_MAX_ATTACHMENT);
        b = new Node("node-b", "--besa.exchange.max-attachment-bytes=" + B_MAX_ATTACHMENT);
        proxy = new FaultyProxy(b.port());
        a.trust(b, proxy.port(), HandlingCode.H3);
        b.trust(a, a.port(), HandlingCode.H2);
    }

    @AfterAll
    static void stopNodes() throws IOException {
        if (proxy != null) proxy.close();
        if (a != null && a.ctx != null) a.ctx.close();
        if (b != null && b.ctx != null) b.ctx.close();
        if (pg != null) pg.close();
    }

    static Payload payload(HandlingCode handling, int noteBytes) {
        var st = List.of(new SharedStatement("name", "Arben Krasniqi", "ASP", "case-2024-17", "Law 108/2014", "B2", handling),
                new SharedStatement("idNumber", "I85123456A", "ASP", "case-2024-17", "Law 108/2014", "A1", HandlingCode.H0));
        return new Payload("x".repeat(noteBytes), List.of(new SharedEntity("ent-" + UUID.randomUUID(), "Person", Category.PERSON, "Arben Krasniqi", st)));
    }

    static UUID send(Node from, Node to, HandlingCode handling) {
        return from.bean(Exchange.class).send("liaison1", new Outgoing(to.id, MessageKind.REQUEST, null, Priority.URGENT, null, payload(handling, 100_000)));
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(60), condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // polling interval of the await, not a synchronisation
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void deliversOnceWithSignedReceiptAndIgnoresDuplicatesInAnyOrder() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(send(a, b, HandlingCode.H1));
        await("all delivered", () -> ids.stream().allMatch(id -> a.status(id).equals("DELIVERED")));
        for (UUID id : ids) {
            assertThat(b.inboxCount(id)).isEqualTo(1);
            String receipt = a.jdbc().sql("select receipt from exchange_outbox where message_id = ?").param(id).query(String.class).single();
            String stored = b.jdbc().sql("select receipt from exchange_inbox where message_id = ?").param(id).query(String.class).single();
            assertThat(receipt).isEqualTo(stored);
            Receipt r = a.bean(Envelopes.class).verifyReceipt(receipt, b.id);
            String jwe = a.jdbc().sql("select jwe from exchange_outbox where message_id = ?").param(id).query(String.class).single();
            assertThat(r.messageId()).isEqualTo(id);
            assertThat(r.jweSha256()).isEqualTo(Envelopes.sha256(jwe));
            assertThat(a.auditCount(AuditAction.DISCLOSURE, AuditOutcome.SUCCESS, id.toString(), "")).isEqualTo(1);
        }
        // The stored inbox message is what was sent, with its provenance and handling codes.
        String json = b.jdbc().sql("select message::text from exchange_inbox where message_id = ?").param(ids.getFirst()).query(String.class).single();
        assertThat(json).contains("\"handling\": \"H1\"").contains("\"originator\": \"ASP\"").contains("\"from\": \"node-a\"");

        // Duplicates, reordered: every copy gets the original receipt; nothing new is stored or audited.
        Partner toB = a.bean(PartnerRegistry.class).find(b.id).orElseThrow();
        List<UUID> shuffled = new ArrayList<>(ids);
        shuffled.addAll(ids);
        Collections.reverse(shuffled);
        for (UUID id : shuffled) {
            String jwe = a.jdbc().sql("select jwe from exchange_outbox where message_id = ?").param(id).query(String.class).single();
            var resp = a.bean(DeliveryClient.class).post(toB, jwe);
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.body()).isEqualTo(b.jdbc().sql("select receipt from exchange_inbox where message_id = ?").param(id).query(String.class).single());
        }
        for (UUID id : ids) {
            assertThat(b.inboxCount(id)).isEqualTo(1);
            assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.SUCCESS, id.toString(), "")).isEqualTo(1);
        }
    }

    @Test
    void receiverDownThenUpDeliversEachOnce() {
        ExchangeServer server = b.bean(ExchangeServer.class);
        server.stop();
        List<UUID> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) ids.add(send(a, b, HandlingCode.H0));
            await("three failed attempts each", () -> ids.stream().allMatch(id -> a.attempts(id) >= 3));
            assertThat(ids).allMatch(id -> a.status(id).equals("PENDING"));
        } finally {
            server.start();
        }
        await("all delivered", () -> ids.stream().allMatch(id -> a.status(id).equals("DELIVERED")));
        assertThat(ids).allMatch(id -> b.inboxCount(id) == 1);
    }

    @Test
    void connectionCutMidBodyIsRetriedAndStoredOnce() {
        int before = proxy.cuts.get();
        proxy.cutAfterBytes = 40_000; // past the handshake, inside the ~140 KB body
        proxy.cutRequests.set(3);
        List<UUID> ids = List.of(send(a, b, HandlingCode.H0), send(a, b, HandlingCode.H0));
        await("all delivered", () -> ids.stream().allMatch(id -> a.status(id).equals("DELIVERED")));
        assertThat(proxy.cuts.get() - before).isEqualTo(3);
        assertThat(ids.stream().mapToInt(a::attempts).sum()).isEqualTo(2 + 3);
        assertThat(ids).allMatch(id -> b.inboxCount(id) == 1);
        assertThat(b.audit()).noneMatch(e -> e.action() == AuditAction.SECURITY_ALERT && ids.stream().anyMatch(id -> e.target().contains(id.toString())));
    }

    @Test
    void lostResponseIsRetriedAndGetsTheSameReceipt() {
        int before = proxy.drops.get();
        proxy.requestBytesBeforeDrop = 100_000;
        proxy.dropResponses.set(2);
        UUID id = send(a, b, HandlingCode.H0);
        await("delivered", () -> a.status(id).equals("DELIVERED"));
        assertThat(proxy.drops.get() - before).isEqualTo(2);
        assertThat(a.attempts(id)).isEqualTo(3);
        assertThat(b.inboxCount(id)).isEqualTo(1);
        assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.SUCCESS, id.toString(), "")).isEqualTo(1);
        String receipt = a.jdbc().sql("select receipt from exchange_outbox where message_id = ?").param(id).query(String.class).single();
        assertThat(receipt).isEqualTo(b.jdbc().sql("select receipt from exchange_inbox where message_id = ?").param(id).query(String.class).single());
    }

    @Test
    void senderKilledMidSendDeliversOnceAfterRestart() {
        long before = proxy.hungBytes.get();
        proxy.cutAfterBytes = 40_000;
        proxy.hang = true;
        UUID id;
        String kid = a.bean(NodeIdentity.class).signingKey().getKeyID();
        try {
            id = send(a, b, HandlingCode.H0);
            await("the request is stuck mid-body", () -> proxy.hungBytes.get() - before > 50_000);
            assertThat(a.status(id)).isEqualTo("PENDING");
            a.ctx.close(); // killed mid-send: no answer ever came
        } finally {
            proxy.release();
        }
        a.start();
        assertThat(a.bean(NodeIdentity.class).signingKey().getKeyID()).isEqualTo(kid); // same keys from its files
        await("delivered after restart", () -> a.status(id).equals("DELIVERED"));
        assertThat(b.inboxCount(id)).isEqualTo(1);
        assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.SUCCESS, id.toString(), "")).isEqualTo(1);
    }

    @Test
    void forbiddenMaterialIsRefusedBeforeSendingAndByTheReceiver() {
        // A's agreement with B stops at H3 but the categories exclude ORGANISATION: refused, nothing queued.
        var org = new Payload("", List.of(new SharedEntity("org-1", "Organization", Category.ORGANISATION, "Group", List.of())));
        long queued = a.jdbc().sql("select count(*) from exchange_outbox").query(Long.class).single();
        assertThatThrownBy(() -> a.bean(Exchange.class).send("liaison1", new Outgoing(b.id, MessageKind.INFORMATION, null, Priority.ROUTINE, null, org)))
                .isInstanceOf(SharingRefusedException.class).hasMessageContaining("ORGANISATION");
        assertThat(a.jdbc().sql("select count(*) from exchange_outbox").query(Long.class).single()).isEqualTo(queued);
        assertThat(a.auditCount(AuditAction.DISCLOSURE, AuditOutcome.DENIED, "refused", "ORGANISATION")).isGreaterThanOrEqualTo(1);

        // B's own agreement with A stops at H2: an H3 statement A may send is refused on arrival, for good.
        UUID id = send(a, b, HandlingCode.H3);
        await("refused", () -> a.status(id).equals("REJECTED"));
        assertThat(a.attempts(id)).isEqualTo(1);
        assertThat(b.inboxCount(id)).isZero();
        assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.DENIED, "", "NOT_ALLOWED")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void rotatedKeysWorkBothWaysDuringTheGracePeriod() throws Exception {
        b.trust(a, a.port(), HandlingCode.H2); // A's port changes when another test restarts it
        NodeIdentity bid = b.bean(NodeIdentity.class);
        String oldEnc = bid.encryptionKey().getKeyID();
        bid.rotateJoseKeys(Duration.ofHours(1), Duration.ofDays(1));
        a.trust(b, proxy.port(), HandlingCode.H3); // A learns B's announced keys
        String newEnc = a.bean(PartnerRegistry.class).encryptionKey(b.id).orElseThrow().getKeyID();
        assertThat(newEnc).isNotEqualTo(oldEnc);

        UUID toB = send(a, b, HandlingCode.H0); // encrypted to B's new key, receipt signed with B's old key
        await("delivered to B", () -> a.status(toB).equals("DELIVERED"));
        String jwe = a.jdbc().sql("select jwe from exchange_outbox where message_id = ?").param(toB).query(String.class).single();
        assertThat(com.nimbusds.jose.JWEObject.parse(jwe).getHeader().getKeyID()).isEqualTo(newEnc);

        UUID toA = send(b, a, HandlingCode.H0); // the other direction, signed with B's still-current key
        await("delivered to A", () -> b.status(toA).equals("DELIVERED"));
        assertThat(a.inboxCount(toA)).isEqualTo(1);
    }

    /**
     * Benchmark, not run by default ({@code -Dbesa.bench.exchange=true}): 100 KB messages A → B over
     * mutual TLS, straight to B's port (no proxy); throughput from the first queued to the last
     * receipted, latency per message from queued to receipted (both recorded by A).
     */
    @Test
    void benchmarkHundredKilobyteMessages() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("besa.bench.exchange"), "benchmark only on request");
        int n = Integer.getInteger("besa.bench.messages", 500);
        a.trust(b, b.port(), HandlingCode.H3);
        try {
            for (int i = 0; i < 20; i++) send(a, b, HandlingCode.H0); // warm-up
            await("warm-up delivered", () -> a.jdbc().sql("select count(*) from exchange_outbox where status = 'PENDING'").query(Long.class).single() == 0);
            Instant start = Instant.now();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) ids.add(send(a, b, HandlingCode.H0));
            await("all delivered", Duration.ofMinutes(15),
                    () -> a.jdbc().sql("select count(*) from exchange_outbox where status = 'PENDING'").query(Long.class).single() == 0);
            long attempts = a.jdbc().sql("select sum(attempts) from exchange_outbox where message_id = any(?)").param(ids.toArray(UUID[]::new))
                    .query(Long.class).single();
            var rows = a.jdbc().sql("select extract(epoch from delivered_at - created_at) * 1000, delivered_at from exchange_outbox"
                    + " where message_id = any(?)").param(ids.toArray(UUID[]::new))
                    .query((rs, i) -> new Object[] {rs.getDouble(1), rs.getTimestamp(2).toInstant()}).list();
            assertThat(rows).hasSize(n);
            double[] lat = rows.stream().mapToDouble(r -> (Double) r[0]).sorted().toArray();
            Instant last = rows.stream().map(r -> (Instant) r[1]).max(Instant::compareTo).orElseThrow();
            double seconds = Duration.between(start, last).toMillis() / 1000.0;
            System.out.printf("EXCHANGE BENCH: %d messages of ~100 KB in %.1f s = %.1f messages/s; latency p50 %.0f ms, p95 %.0f ms, max %.0f ms; %d attempts%n",
                    n, seconds, n / seconds, lat[lat.length / 2], lat[(int) Math.ceil(lat.length * 0.95) - 1], lat[lat.length - 1], attempts);
            assertThat(ids).allMatch(id -> b.inboxCount(id) == 1);
        } finally {
            a.trust(b, proxy.port(), HandlingCode.H3);
        }
    }

    /**
     * Benchmark, not run by default ({@code -Dbesa.bench.attachments=true}): messages each carrying one
     * file just under B's limit (6 MiB), A → B straight to B's port. Upload = streaming encryption to
     * A's disk; delivery = from queued to receipted (upload to B, B's hash check and full decryption,
     * the message). Also the cipher alone over 256 MiB in memory-free streams.
     */
    @Test
    void benchmarkAttachments() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("besa.bench.attachments"), "benchmark only on request");
        int n = Integer.getInteger("besa.bench.files", 10);
        long size = B_MAX_ATTACHMENT - 1024;
        long t0 = System.nanoTime();
        try (OutputStream sink = besa.exchange.attachment.ChunkedCipher.encrypt(OutputStream.nullOutputStream(), besa.exchange.attachment.ChunkedCipher.newKey(), UUID.randomUUID())) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 128; i++) sink.write(block); // warm-up (JIT)
        }
        long cipherStart = System.nanoTime();
        try (OutputStream sink = besa.exchange.attachment.ChunkedCipher.encrypt(OutputStream.nullOutputStream(), besa.exchange.attachment.ChunkedCipher.newKey(), UUID.randomUUID())) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 256; i++) sink.write(block);
        }
        double cipherMiBs = 256 / ((System.nanoTime() - cipherStart) / 1e9);
        a.trust(b, b.port(), HandlingCode.H3);
        try {
            List<SharedAttachment> files = new ArrayList<>();
            long uploadStart = System.nanoTime();
            for (int i = 0; i < n; i++) files.add(upload(a, "bench-" + i + ".bin", size, 100 + i));
            double uploadS = (System.nanoTime() - uploadStart) / 1e9;
            Instant start = Instant.now();
            List<UUID> ids = new ArrayList<>();
            for (SharedAttachment f : files) ids.add(sendWith(f));
            await("all delivered", Duration.ofMinutes(15), () -> ids.stream().allMatch(id -> a.status(id).equals("DELIVERED")));
            var rows = a.jdbc().sql("select extract(epoch from delivered_at - created_at) * 1000, delivered_at from exchange_outbox where message_id = any(?)")
                    .param(ids.toArray(UUID[]::new)).query((rs, i) -> new Object[] {rs.getDouble(1), rs.getTimestamp(2).toInstant()}).list();
            double[] lat = rows.stream().mapToDouble(r -> (Double) r[0]).sorted().toArray();
            Instant last = rows.stream().map(r -> (Instant) r[1]).max(Instant::compareTo).orElseThrow();
            double seconds = Duration.between(start, last).toMillis() / 1000.0;
            double mib = n * size / 1048576.0;
            System.out.printf("ATTACHMENT BENCH: cipher %.0f MiB/s; upload (encrypt to disk) %d x %.1f MiB in %.1f s = %.0f MiB/s;"
                            + " delivery %.1f MiB in %.1f s = %.1f MiB/s, per message p50 %.0f ms, max %.0f ms (warm-up %.1f s)%n",
                    cipherMiBs, n, size / 1048576.0, uploadS, mib / uploadS, mib, seconds, mib / seconds, lat[lat.length / 2], lat[lat.length - 1],
                    (cipherStart - t0) / 1e9);
            assertThat(ids).allMatch(id -> b.inboxCount(id) == 1);
        } finally {
            a.trust(b, proxy.port(), HandlingCode.H3);
        }
    }

    @Test
    void partnersFileRegistersPartnerCertificateKeysAndAgreement() throws Exception {
        Path dir = Files.createDirectories(root.resolve("partners-file"));
        NodeIdentity e = NodeIdentity.loadOrCreate("node-e", "Agency E", dir.resolve("node-e-keys"), List.of("localhost"), Clock.systemUTC());
        Files.writeString(dir.resolve("e-cert.pem"), Certificates.toPem(e.tlsCertificate()));
        Files.writeString(dir.resolve("e-keys.json"), e.publicKeys().toString());
        Files.writeString(dir.resolve("partners.json"), """
                {"partners": [{"id": "node-e", "agency": "Agency E", "country": "XK", "url": "https://127.0.0.1:9",
                  "certificate": "e-cert.pem", "keys": "e-keys.json",
                  "agreement": {"categories": ["CYBER_INDICATOR"], "legalBasis": "MoU 2025", "maxHandling": "H1"}}]}
                """);
        PartnerRegistry rb = b.bean(PartnerRegistry.class);
        assertThat(besa.exchange.partner.PartnerFile.apply(dir.resolve("partners.json"), rb)).containsExactly("node-e");
        assertThat(rb.find("node-e")).get().extracting(Partner::country).isEqualTo("XK");
        assertThat(rb.partnerForCertificate(Certificates.fingerprint(e.tlsCertificate()))).contains("node-e");
        assertThat(rb.key("node-e", e.signingKey().getKeyID(), com.nimbusds.jose.jwk.KeyUse.SIGNATURE)).isPresent();
        assertThat(rb.agreement("node-e")).get().satisfies(ag -> {
            assertThat(ag.categories()).containsExactly(Category.CYBER_INDICATOR);
            assertThat(ag.maxHandling()).isEqualTo(HandlingCode.H1);
        });

        Files.writeString(dir.resolve("bad.json"), "{\"partners\": [{\"id\": \"node-f\", \"country\": \"DE\"}]}");
        assertThatThrownBy(() -> besa.exchange.partner.PartnerFile.apply(dir.resolve("bad.json"), rb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partners[0]").hasMessageContaining("'agency' is required");
        assertThat(rb.find("node-f")).isEmpty();
    }

    @Test
    void requestsBecomeOverdueAtTheirDeadlineUntilAnswered() {
        b.trust(a, a.port(), HandlingCode.H2); // A's port changes when another test restarts it
        UUID request = send(a, b, HandlingCode.H0); // URGENT: reply within 8 hours
        await("delivered", () -> a.status(request).equals("DELIVERED"));
        UUID thread = a.jdbc().sql("select thread_id from exchange_outbox where message_id = ?").param(request).query(UUID.class).single();
        Instant in7h = Instant.now().plus(Duration.ofHours(7));
        Instant in9h = Instant.now().plus(Duration.ofHours(9));
        var deadlinesA = a.bean(besa.exchange.ReplyDeadlines.class);
        var deadlinesB = b.bean(besa.exchange.ReplyDeadlines.class);
        assertThat(deadlinesB.owedByUs(in7h)).noneMatch(o -> o.messageId().equals(request));
        assertThat(deadlinesB.owedByUs(in9h)).anyMatch(o -> o.messageId().equals(request) && o.partnerId().equals(a.id));
        assertThat(deadlinesA.owedToUs(in9h)).anyMatch(o -> o.messageId().equals(request) && o.partnerId().equals(b.id));

        UUID reply = b.bean(Exchange.class).send("liaison2", new Outgoing(a.id, MessageKind.REPLY, thread, Priority.URGENT, null, payload(HandlingCode.H0, 10)));
        await("reply delivered", () -> b.status(reply).equals("DELIVERED"));
        assertThat(deadlinesB.owedByUs(in9h)).noneMatch(o -> o.messageId().equals(request));
        assertThat(deadlinesA.owedToUs(in9h)).noneMatch(o -> o.messageId().equals(request));
    }

    @Test
    void expiredNoncesArePurgedAndCurrentOnesKept() {
        JdbcClient jdbc = b.jdbc();
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        jdbc.sql("insert into exchange_nonce (partner_id, nonce, message_id, expires_at) values ('node-a', ?, ?, now() - interval '1 minute')")
                .params("old-" + old, old).update();
        jdbc.sql("insert into exchange_nonce (partner_id, nonce, message_id, expires_at) values ('node-a', ?, ?, now() + interval '1 day')")
                .params("fresh-" + fresh, fresh).update();
        assertThat(b.bean(Inbox.class).purgeExpiredNonces()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from exchange_nonce where message_id = ?").param(old).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from exchange_nonce where message_id = ?").param(fresh).query(Integer.class).single()).isEqualTo(1);
    }

    /** Seals {@code m} as A would, to B's current key. */
    static String sealAsA(Message m) {
        return a.bean(Envelopes.class).seal(m, a.bean(PartnerRegistry.class).encryptionKey(b.id).orElseThrow());
    }

    static Message message(String to, Instant created, Duration validity, String nonce) {
        return new Message(UUID.randomUUID(), a.id, to, MessageKind.INFORMATION, UUID.randomUUID(), Priority.ROUTINE, null, created,
                created.plus(validity), nonce, "basis", false, payload(HandlingCode.H0, 10));
    }

    static DeliveryClient.Response postAsA(String jwe) throws Exception {
        return a.bean(DeliveryClient.class).post(a.bean(PartnerRegistry.class).find(b.id).orElseThrow(), jwe);
    }

    @Test
    void tamperedMisaddressedExpiredAndReplayedMessagesAreRejectedAndAudited() throws Exception {
        Instant now = Clock.systemUTC().instant();
        // A changed byte in the ciphertext.
        Message m1 = message(b.id, now, Duration.ofDays(1), "n-" + UUID.randomUUID());
        String[] parts = sealAsA(m1).split("\\.");
        char[] ct = parts[3].toCharArray();
        ct[ct.length / 2] = ct[ct.length / 2] == 'A' ? 'B' : 'A';
        parts[3] = new String(ct);
        var r1 = postAsA(String.join(".", parts));
        assertThat(r1.status()).isEqualTo(400);
        assertThat(r1.body()).contains("TAMPERED");
        assertThat(b.inboxCount(m1.id())).isZero();
        assertThat(b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "from node-a", "TAMPERED")).isGreaterThanOrEqualTo(1);

        // Addressed to another node.
        Message m2 = message("node-c", now, Duration.ofDays(1), "n-" + UUID.randomUUID());
        var r2 = postAsA(sealAsA(m2));
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.body()).contains("MISADDRESSED");
        assertThat(b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "", "MISADDRESSED")).isGreaterThanOrEqualTo(1);

        // Past its validity.
        Message m3 = message(b.id, now.minus(Duration.ofDays(3)), Duration.ofDays(1), "n-" + UUID.randomUUID());
        var r3 = postAsA(sealAsA(m3));
        assertThat(r3.body()).contains("EXPIRED");
        assertThat(b.inboxCount(m3.id())).isZero();

        // Replays: the same message sealed again (new bytes, same id), and a new id reusing a nonce.
        Message m4 = message(b.id, now, Duration.ofDays(1), "n-" + UUID.randomUUID());
        assertThat(postAsA(sealAsA(m4)).status()).isEqualTo(200);
        var r4 = postAsA(sealAsA(m4));
        assertThat(r4.status()).isEqualTo(400);
        assertThat(r4.body()).contains("REPLAY");
        Message m5 = new Message(UUID.randomUUID(), m4.from(), m4.to(), m4.kind(), m4.thread(), m4.priority(), null, now,
                now.plus(Duration.ofDays(1)), m4.nonce(), "basis", false, m4.payload());
        var r5 = postAsA(sealAsA(m5));
        assertThat(r5.body()).contains("REPLAY");
        assertThat(b.inboxCount(m4.id())).isEqualTo(1);
        assertThat(b.inboxCount(m5.id())).isZero();
        assertThat(b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "", "REPLAY")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void untrustedAndExpiredClientCertificatesAreRefusedAtTheHandshakeAndAudited() throws Exception {
        Instant now = Instant.now();
        // A stranger: a valid certificate nobody registered.
        KeyPair stranger = Certificates.newEcKeyPair();
        X509Certificate strangerCert = Certificates.selfSigned(stranger, "stranger", List.of("localhost"), now.minusSeconds(60), now.plusSeconds(3600));
        long alertsBefore = b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "exchange TLS client", "UNTRUSTED_CERTIFICATE");
        double countedBefore = untrustedCounted();
        assertThatThrownBy(() -> postWith(stranger, strangerCert)).isInstanceOf(IOException.class);
        await("the stranger audited", () -> b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED,
                Certificates.fingerprint(strangerCert), "not registered") == 1);

        // A registered partner whose certificate has expired.
        KeyPair old = Certificates.newEcKeyPair();
        X509Certificate expired = Certificates.selfSigned(old, "node-d", List.of("localhost"), now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
        PartnerRegistry rb = b.bean(PartnerRegistry.class);
        rb.save(new Partner("node-d", "Agency D", "DE", "https://127.0.0.1:1", "", true));
        rb.addCertificate("node-d", expired);
        assertThatThrownBy(() -> postWith(old, expired)).isInstanceOf(IOException.class);
        await("the expired certificate audited", () -> b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED,
                Certificates.fingerprint(expired), "outside its validity") == 1);
        assertThat(b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "exchange TLS client", "UNTRUSTED_CERTIFICATE"))
                .isEqualTo(alertsBefore + 2);
        // And counted for operations, by reason (besa_exchange_refused_total{reason="UNTRUSTED_CERTIFICATE"}).
        assertThat(untrustedCounted()).isEqualTo(countedBefore + 2);
    }

    double untrustedCounted() {
        var c = b.bean(io.micrometer.core.instrument.MeterRegistry.class).find("besa.exchange.refused").tag("reason", "UNTRUSTED_CERTIFICATE").counter();
        return c == null ? 0 : c.count();
    }

    // ------------------------------------------------------------------ attachments

    /** {@code n} pseudo-random bytes made as they are read (never held whole). */
    static InputStream generated(long n, long seed) {
        return new InputStream() {
            final java.util.Random r = new java.util.Random(seed);
            long left = n;

            @Override
            public int read() {
                if (left == 0) return -1;
                left--;
                return r.nextInt(256);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) return -1;
                int k = (int) Math.min(len, left);
                byte[] tmp = new byte[k];
                r.nextBytes(tmp);
                System.arraycopy(tmp, 0, b, off, k);
                left -= k;
                return k;
            }
        };
    }

    static String sha256(InputStream in) throws Exception {
        var d = java.security.MessageDigest.getInstance("SHA-256");
        try (in) {
            in.transferTo(new java.security.DigestOutputStream(OutputStream.nullOutputStream(), d));
        }
        return java.util.HexFormat.of().formatHex(d.digest());
    }

    static SharedAttachment upload(Node node, String name, long size, long seed) {
        return node.bean(Attachments.class).upload("liaison1", name, "application/pdf", generated(size, seed)).attachment();
    }

    static UUID sendWith(SharedAttachment... files) {
        Payload p = new Payload("see the attached report", payload(HandlingCode.H0, 10).entities(), List.of(files));
        return a.bean(Exchange.class).send("liaison1", new Outgoing(b.id, MessageKind.INFORMATION, null, Priority.ROUTINE, null, p));
    }

    /** What B received for {@code id}, as its inbox keeps it (without the key, which is sealed in the file's row). */
    static SharedAttachment receivedOnB(UUID message, UUID attachment) {
        String json = b.jdbc().sql("select message::text from exchange_inbox where message_id = ?").param(message).query(String.class).single();
        return Envelopes.fromJson(json).payload().attachments().stream().filter(x -> x.id().equals(attachment)).findFirst().orElseThrow();
    }

    @Test
    void aMultiMegabyteAttachmentArrivesOnceWithVerifiedHashes() throws Exception {
        long size = 5L * 1024 * 1024 + 123;
        SharedAttachment file = upload(a, "../raport i operacionit.pdf", size, 7);
        assertThat(file.name()).isEqualTo("raport i operacionit.pdf");
        assertThat(file.sha256()).isEqualTo(sha256(generated(size, 7)));
        Path sent = a.bean(Attachments.class).outFile(file.id());
        assertThat(Files.size(sent)).isEqualTo(besa.exchange.attachment.ChunkedCipher.cipherLength(size));
        assertThat(sha256(Files.newInputStream(sent))).isEqualTo(file.cipherSha256()).isNotEqualTo(file.sha256()); // encrypted at rest

        UUID id = sendWith(file);
        await("delivered", () -> a.status(id).equals("DELIVERED"));
        assertThat(b.inboxCount(id)).isEqualTo(1);
        assertThat(b.jdbc().sql("select count(*) from exchange_attachment_in where id = ? and message_id = ? and cipher_sha256 = ?")
                .params(file.id(), id, file.cipherSha256()).query(Integer.class).single()).isEqualTo(1);
        SharedAttachment got = receivedOnB(id, file.id());
        // The key came inside the JWE; B keeps the message without it and the key sealed in the file's row.
        assertThat(got.key()).isNull();
        assertThat(got).isEqualTo(file);
        assertThat(b.jdbc().sql("select key_version from exchange_attachment_in where id = ? and message_id = ?").params(file.id(), id)
                .query(Integer.class).single()).isNotNull();
        assertThat(sha256(b.bean(Attachments.class).openIn(a.id, got))).isEqualTo(sha256(generated(size, 7)));
        // The key never travelled outside the encrypted message: the uploaded file alone is ciphertext.
        String key = a.bean(Attachments.class).withKeys(new Payload("", List.of(), List.of(file))).attachments().getFirst().key();
        String jwe = a.jdbc().sql("select jwe from exchange_outbox where message_id = ?").param(id).query(String.class).single();
        assertThat(jwe).doesNotContain(key);
        assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.SUCCESS, id.toString(), "")).isEqualTo(1);
        assertThat(b.audit()).anyMatch(e -> e.action() == AuditAction.COLLECTION && e.target().contains(id + " (INFORMATION, 1 entities, 1 attachments)"));
        assertThat(a.audit()).anyMatch(e -> e.action() == AuditAction.DISCLOSURE && e.target().contains(file.sha256()));
    }

    @Test
    void anAttachmentCutMidBodyIsRetriedAndStoredOnce() throws Exception {
        SharedAttachment file = upload(a, "large.bin", 3L * 1024 * 1024, 11);
        int before = proxy.cuts.get();
        proxy.cutAfterBytes = 1_000_000; // inside the attachment upload
        // Connections: the upload (cut); the retry's short HEAD (takes a cut but is not long enough to be cut); the upload (cut);
        // then HEAD, upload and message go through.
        proxy.cutRequests.set(3);
        UUID id = sendWith(file);
        await("delivered", () -> a.status(id).equals("DELIVERED"));
        assertThat(proxy.cuts.get() - before).isEqualTo(2);
        assertThat(a.attempts(id)).isEqualTo(3);
        assertThat(b.inboxCount(id)).isEqualTo(1);
        assertThat(b.jdbc().sql("select count(*) from exchange_attachment_in where id = ?").param(file.id()).query(Integer.class).single()).isEqualTo(1);
        try (var files = Files.list(b.dataDir.resolve("exchange/attachments/in").resolve(a.id))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(file.id().toString())).count()).isEqualTo(1);
        }
        assertThat(sha256(b.bean(Attachments.class).openIn(a.id, receivedOnB(id, file.id())))).isEqualTo(file.sha256());
    }

    @Test
    void aRetryDoesNotSendAFileThePartnerAlreadyHolds() throws Exception {
        SharedAttachment file = upload(a, "once.bin", 10_000, 17);
        int cuts = proxy.cuts.get();
        proxy.cutAfterBytes = 40_000; // longer than the upload, shorter than the ~100 KB message
        proxy.cutRequests.set(2); // the upload's connection (not long enough to be cut) and the message's (cut)
        int connections = proxy.connections.get();
        Payload p = new Payload("x".repeat(100_000), List.of(), List.of(file));
        UUID id = a.bean(Exchange.class).send("liaison1", new Outgoing(b.id, MessageKind.INFORMATION, null, Priority.ROUTINE, null, p));
        await("delivered", () -> a.status(id).equals("DELIVERED"));
        assertThat(proxy.cuts.get() - cuts).isEqualTo(1);
        assertThat(a.attempts(id)).isEqualTo(2);
        // Attempt 1: the upload, the message (cut). Attempt 2: "do you have it?" (yes), the message: the file is not sent again.
        assertThat(proxy.connections.get() - connections).isEqualTo(4);
        assertThat(b.inboxCount(id)).isEqualTo(1);
        assertThat(b.jdbc().sql("select count(*) from exchange_attachment_in where id = ?").param(file.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aMessageThatOvertakesItsAttachmentIsRefusedForNowAndDeliveredLater() throws Exception {
        OutboxWorker worker = a.bean(OutboxWorker.class);
        worker.stop();
        UUID id;
        try {
            SharedAttachment file = upload(a, "note.txt", 1000, 3);
            id = sendWith(file);
            String jwe = a.jdbc().sql("select jwe from exchange_outbox where message_id = ?").param(id).query(String.class).single();
            Partner toB = a.bean(PartnerRegistry.class).find(b.id).orElseThrow();
            var r = a.bean(DeliveryClient.class).post(toB, jwe); // the message alone, its file never uploaded
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.body()).contains("MISSING_ATTACHMENT");
            assertThat(b.inboxCount(id)).isZero();
        } finally {
            worker.start();
        }
        UUID sent = id;
        await("delivered with its file", () -> a.status(sent).equals("DELIVERED"));
        assertThat(b.inboxCount(sent)).isEqualTo(1);
    }

    @Test
    void attachmentLimitsAreEnforcedOnBothSides() throws Exception {
        // Sender: past A's own limit the upload is refused while it streams, and nothing is kept.
        long rows = a.jdbc().sql("select count(*) from exchange_attachment").query(Long.class).single();
        Path out = a.dataDir.resolve("exchange/attachments/out");
        long files;
        try (var l = Files.list(out)) {
            files = l.count();
        }
        assertThatThrownBy(() -> upload(a, "huge.bin", A_MAX_ATTACHMENT + 1, 5)).isInstanceOf(AttachmentRefused.class)
                .hasMessageContaining("larger than the limit").satisfies(e -> assertThat(((AttachmentRefused) e).status()).isEqualTo(413));
        assertThat(a.jdbc().sql("select count(*) from exchange_attachment").query(Long.class).single()).isEqualTo(rows);
        try (var l = Files.list(out)) {
            assertThat(l.count()).isEqualTo(files);
        }
        // Receiver: within A's limit but over B's, refused by B for good (413), audited there, nothing stored.
        SharedAttachment big = upload(a, "big.bin", B_MAX_ATTACHMENT + 1, 9);
        UUID id = sendWith(big);
        await("refused", () -> a.status(id).equals("REJECTED"));
        assertThat(a.attempts(id)).isEqualTo(1);
        assertThat(a.jdbc().sql("select last_error from exchange_outbox where message_id = ?").param(id).query(String.class).single()).contains("413");
        assertThat(b.inboxCount(id)).isZero();
        assertThat(b.jdbc().sql("select count(*) from exchange_attachment_in where id = ?").param(big.id()).query(Integer.class).single()).isZero();
        assertThat(b.auditCount(AuditAction.SECURITY_ALERT, AuditOutcome.DENIED, "", "TOO_LARGE: attachment " + big.id())).isEqualTo(1);
        assertThat(a.auditCount(AuditAction.DISCLOSURE, AuditOutcome.FAILED, id.toString(), "413")).isEqualTo(1);
    }

    @Test
    void uploadsNeedAnAgreementAndPastTheQuotaAreRefusedForNowThenDelivered() throws Exception {
        PartnerRegistry rb = b.bean(PartnerRegistry.class);
        Partner toB = a.bean(PartnerRegistry.class).find(b.id).orElseThrow();
        SharedAttachment file = upload(a, "quota.bin", 20_000, 23);
        Path cipher = a.bean(Attachments.class).outFile(file.id());
        // Without an agreement B takes no file from A: 403 (final), audited, nothing kept.
        Agreement agreement = rb.agreement(a.id).orElseThrow();
        b.jdbc().sql("delete from exchange_agreement where partner_id = ?").param(a.id).update();
        try {
            var r = a.bean(DeliveryClient.class).putAttachment(toB, file, cipher, Duration.ofSeconds(10));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("NO_AGREEMENT");
        } finally {
            rb.saveAgreement(agreement);
        }
        assertThat(b.jdbc().sql("select count(*) from exchange_attachment_in where id = ?").param(file.id()).query(Integer.class).single()).isZero();
        assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.DENIED, "", "attachment " + file.id() + ": no agreement with " + a.id)).isEqualTo(1);

        // A's unclaimed uploads on B at the quota (2 GiB by default): 507, and A keeps trying until room is made.
        UUID filler = UUID.randomUUID();
        b.jdbc().sql("insert into exchange_attachment_in (partner_id, id, cipher_sha256, cipher_size, received_at) values (?, ?, ?, ?, now())")
                .params(a.id, filler, "0".repeat(64), b.bean(Attachments.class).maxUnclaimedBytes() - 10_000).update();
        UUID id;
        try {
            id = sendWith(file);
            await("refused for now", () -> a.attempts(id) >= 2);
            assertThat(a.status(id)).isEqualTo("PENDING");
            assertThat(a.jdbc().sql("select last_error from exchange_outbox where message_id = ?").param(id).query(String.class).single())
                    .contains("507", "OVER_QUOTA");
            assertThat(b.jdbc().sql("select count(*) from exchange_attachment_in where id = ?").param(file.id()).query(Integer.class).single()).isZero();
            assertThat(b.auditCount(AuditAction.COLLECTION, AuditOutcome.DENIED, "", "OVER_QUOTA: attachment " + file.id())).isPositive();
        } finally {
            b.jdbc().sql("delete from exchange_attachment_in where id = ?").param(filler).update();
        }
        await("delivered once there is room", () -> a.status(id).equals("DELIVERED"));
        assertThat(b.inboxCount(id)).isEqualTo(1);
        assertThat(b.audit()).anyMatch(e -> e.action() == AuditAction.COLLECTION && e.outcome() == AuditOutcome.SUCCESS
                && e.target().contains("exchange attachment upload " + file.id()) && e.target().contains("from " + a.id));
    }

    @Test
    void aClientThatStopsSendingMidRequestIsCutOff() throws Exception {
        // A registered partner's client (A's own TLS identity) sends headers and part of a body, then nothing more.
        NodeIdentity me = a.bean(NodeIdentity.class);
        var ctx = Tls.context(me, Tls.pinnedServers(List.of(b.bean(NodeIdentity.class).tlsCertificate()), Clock.systemUTC()));
        try (var socket = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", b.port())) {
            socket.setSoTimeout(120_000); // a bound for the test only: the server's read timeout in tests is 20 s
            socket.startHandshake();
            OutputStream o = socket.getOutputStream();
            o.write(("POST " + ExchangeServer.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/jose\r\nContent-Length: 100000\r\n\r\n"
                    + "eyJhbGciOi").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            o.flush();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the endpoint still holds a connection whose client stopped sending", e);
            } catch (IOException e) {
                read = -1; // reset by the server: cut off too
            }
            assertThat(read).as("the server closed the connection without an answer").isEqualTo(-1);
        }
    }

    /** Posts to B's endpoint directly as a client with the given key and certificate, trusting B's certificate. */
    static void postWith(KeyPair key, X509Certificate cert) throws Exception {
        var ctx = Tls.context(key.getPrivate(), cert, Tls.pinnedServers(List.of(b.bean(NodeIdentity.class).tlsCertificate()), Clock.systemUTC()));
        try (HttpClient c = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + b.port() + ExchangeServer.PATH))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("the endpoint answered a client it must refuse: HTTP " + r.statusCode());
        }
    }
    /**
     * What A sends becomes searchable intelligence on B under A's codes; A's agreement says no onward transfer, so B
     * passes it to no third partner without A's recorded permission, and then only marked "no onward transfer" itself.
     */
    @Test
    void receivedMaterialIsSearchableOnTheReceiverAndGoesNoFurtherThanTheOriginatorAllowed() throws Exception {
        String remote = "ent-" + UUID.randomUUID();
        UUID id = a.bean(Exchange.class).send("liaison1", new Outgoing(b.id, MessageKind.INFORMATION, null, Priority.ROUTINE, null,
                new Payload("", List.of(new SharedEntity(remote, "Person", Category.PERSON, "Shpëtim Dervishi",
                        List.of(new SharedStatement("name", "Shpëtim Dervishi", "ASP", "case-2024-17", "Law 108/2014", "B2", HandlingCode.H1)))))));
        await("delivered", () -> a.status(id).equals("DELIVERED"));
        assertThat(b.jdbc().sql("select (message ->> 'onwardTransfer')::boolean from exchange_inbox where message_id = ?").param(id)
                .query(Boolean.class).single()).isFalse();
        b.bean(besa.exchange.messages.Received.class).storePending();
        String local = a.id + ":" + remote;
        var hits = b.bean(besa.intel.search.SearchService.class).search(besa.intel.search.SearchQuery.of("shpetim dervishi")).hits();
        assertThat(hits).anyMatch(h -> h.entityId().equals(local));
        assertThat(b.jdbc().sql("select source_grade || info_grade || handling from statement where entity_id = ?").param(local)
                .query(String.class).single()).isEqualTo("B21");

        // A third partner of B, with an agreement that would let anything of B's own go further.
        NodeIdentity c = NodeIdentity.loadOrCreate("node-c", "Agency C", root.resolve("node-c-keys"), List.of("localhost"), Clock.systemUTC());
        PartnerRegistry rb = b.bean(PartnerRegistry.class);
        rb.save(new Partner("node-c", "Agency C", "DE", "https://127.0.0.1:9", "", true));
        rb.addCertificate("node-c", c.tlsCertificate());
        for (JWK k : c.publicKeys().getKeys()) rb.addKey("node-c", k);
        rb.saveAgreement(new Agreement("node-c", EnumSet.of(Category.PERSON), "MoU 2025/3", HandlingCode.H3, true));
        Payload forward = new Payload("", List.of(new SharedEntity(local, "Person", Category.PERSON, "", List.of(new SharedStatement("name",
                "Shpëtim Dervishi", a.id, "exchange:" + a.id, "Agreement 2024/7 art. 5", "B2", HandlingCode.H1)))));
        assertThatThrownBy(() -> b.bean(Exchange.class).send("liaison2", new Outgoing("node-c", MessageKind.INFORMATION, null, Priority.ROUTINE,
                null, forward))).isInstanceOf(SharingRefusedException.class).hasMessageContaining("without onward transfer");
        assertThat(b.auditCount(AuditAction.DISCLOSURE, AuditOutcome.DENIED, "node-c", "without onward transfer")).isEqualTo(1);

        // Node A's permission, asked for by one liaison officer and approved by a second.
        var registry = b.bean(besa.exchange.partner.PartnerAdmin.class);
        var asked = registry.requestPermission("liaison2", a.id, "node-c", local, "letter of node-a 2026/5", "127.0.0.1");
        registry.approve("liaison3", asked.id(), "letter checked", "127.0.0.1");
        UUID onward = b.bean(Exchange.class).send("liaison2", new Outgoing("node-c", MessageKind.INFORMATION, null, Priority.ROUTINE, null, forward));
        assertThat(b.jdbc().sql("select (message ->> 'onwardTransfer')::boolean from exchange_outbox where message_id = ?").param(onward)
                .query(Boolean.class).single()).isFalse();
    }

    /**
     * A sends its person X to B; B sends X back (under B's id node-a:X) with a statement of its own, a relation from X to a
     * phone of B's, and two ids that name node A but are not taken as A's (X as another type, an entity A never sent):
     * on A the statement and the edge attach to X itself, still B's and not editable, and the other two become B entities.
     */
    @Test
    void anEntityThatCameFromUsComesBackOntoOurOwnEntity() {
        String x = "ret-" + UUID.randomUUID();
        besa.intel.store.IntelStore storeA = a.bean(besa.intel.store.IntelStore.class);
        storeA.saveSource(new besa.intel.store.Source("asp-returns", "ASP case file", "ASP", "Law 108/2014 art. 7"));
        storeA.save(List.of(new besa.intel.store.EntityRecord(x, besa.intel.model.EntityType.Person, List.of(new besa.intel.model.Statement(x, "name",
                "Ilir Shehu", "Ilir Shehu", new besa.intel.model.Provenance("asp-returns", "r1", "ASP", "Law 108/2014 art. 7", null, null,
                        besa.intel.model.Grading.parse("B2"), besa.intel.model.Handling.H1, null))))));
        UUID out = a.bean(Exchange.class).send("liaison1", new Outgoing(b.id, MessageKind.INFORMATION, null, Priority.ROUTINE, null,
                new Payload("", List.of(new SharedEntity(x, "Person", Category.PERSON, "Ilir Shehu",
                        List.of(new SharedStatement("name", "Ilir Shehu", "ASP", "asp-returns", "Law 108/2014 art. 7", "B2", HandlingCode.H1)))))));
        await("delivered to B", () -> a.status(out).equals("DELIVERED"));
        b.bean(besa.exchange.messages.Received.class).storePending();
        String onB = a.id + ":" + x;
        assertThat(b.jdbc().sql("select count(*) from statement where entity_id = ?").param(onB).query(Integer.class).single()).isEqualTo(1);

        String phone = "ph-" + UUID.randomUUID(), uses = "uses-" + UUID.randomUUID();
        SharedStatement birth = new SharedStatement("birthDate", "1979-11-02", "TNP", "tnp-case", "Agreement 2024/7 art. 5", "B2", HandlingCode.H1);
        UUID back = b.bean(Exchange.class).send("liaison2", new Outgoing(a.id, MessageKind.REPLY, null, Priority.ROUTINE, null, new Payload("", List.of(
                new SharedEntity(onB, "Person", Category.PERSON, "Ilir Shehu", List.of(birth)),
                new SharedEntity(phone, "Phone", Category.PERSON, "+355 69 555 0101",
                        List.of(new SharedStatement("number", "+355695550101", "TNP", "tnp-case", "Agreement 2024/7 art. 5", "B2", HandlingCode.H1))),
                new SharedEntity(uses, "Uses", Category.PERSON, "", List.of(
                        new SharedStatement("subject", onB, "TNP", "tnp-case", "Agreement 2024/7 art. 5", "B2", HandlingCode.H1),
                        new SharedStatement("object", phone, "TNP", "tnp-case", "Agreement 2024/7 art. 5", "B2", HandlingCode.H1)))))));
        // Stored before the mislabelled message is sent: two messages in flight may arrive in either order, and the
        // partner's id keeps the first mapping it was stored under.
        await("back on A", () -> a.inboxCount(back) == 1);
        a.bean(besa.exchange.messages.Received.class).storePending();
        UUID wrong = b.bean(Exchange.class).send("liaison2", new Outgoing(a.id, MessageKind.INFORMATION, null, Priority.ROUTINE, null, new Payload("", List.of(
                new SharedEntity(onB, "Phone", Category.PERSON, "",
                        List.of(new SharedStatement("number", "+355695550102", "TNP", "tnp-case", "Agreement 2024/7 art. 5", "B2", HandlingCode.H1))),
                new SharedEntity(a.id + ":never-sent-" + x, "Person", Category.PERSON, "",
                        List.of(new SharedStatement("name", "Gent Leka", "TNP", "tnp-case", "Agreement 2024/7 art. 5", "B2", HandlingCode.H1)))))));
        await("the mislabelled one on A", () -> a.inboxCount(wrong) == 1);
        a.bean(besa.exchange.messages.Received.class).storePending();

        JdbcClient ja = a.jdbc();
        // B's statement sits on X itself, as B's (its source, B the originator), next to A's own; no B copy of X.
        assertThat(ja.sql("select source_id || ' ' || originator || ' ' || value from statement where entity_id = ? and prop = 'birthDate'").param(x)
                .query(String.class).list()).containsExactly("exchange:" + b.id + " " + b.id + " 1979-11-02");
        assertThat(ja.sql("select count(*) from statement where entity_id = ? and source_id = 'asp-returns'").param(x).query(Integer.class).single())
                .isEqualTo(1);
        // The only B entity under X's id is the one B sent as a phone (below): the person's statement is not on it.
        assertThat(ja.sql("select type || ' ' || string_agg(s.prop, ',') from entity e join statement s on s.entity_id = e.id where e.id = ? group by e.type")
                .param(b.id + ":" + onB).query(String.class).list()).containsExactly("Phone number");
        // The relation's end is X too: the edge joins X and B's phone.
        assertThat(ja.sql("select count(*) from edge where subject_id = ? and object_id = ?").params(x, b.id + ":" + phone).query(Integer.class).single())
                .isOne();
        assertThat(ja.sql("select local_id from exchange_received_entity where partner_id = ? and remote_id = ?").params(b.id, onB)
                .query(String.class).single()).isEqualTo(x);
        // Still B's: not editable here.
        assertThatThrownBy(() -> ja.sql("update statement set value = '1980-01-01' where entity_id = ? and prop = 'birthDate'").param(x).update())
                .hasStackTraceContaining("originator's");
        // X as a phone, and an entity A never sent: B entities, each audited with the reason.
        assertThat(ja.sql("select count(*) from statement where entity_id = ? and prop = 'number'").param(b.id + ":" + onB).query(Integer.class).single())
                .isOne();
        assertThat(ja.sql("select count(*) from statement where entity_id = ?").param(b.id + ":" + a.id + ":never-sent-" + x).query(Integer.class)
                .single()).isOne();
        assertThat(a.auditCount(AuditAction.COLLECTION, AuditOutcome.SUCCESS, "entity " + onB + " stored as", "is a Person here, not a Phone")).isOne();
        assertThat(a.auditCount(AuditAction.COLLECTION, AuditOutcome.SUCCESS, "never-sent-" + x, "no entity never-sent-" + x)).isOne();
    }
}
