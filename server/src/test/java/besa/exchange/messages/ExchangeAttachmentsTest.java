package besa.exchange.messages;

import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import besa.exchange.attachment.Attachments;
import besa.exchange.attachment.ChunkedCipher;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.Rejection;
import besa.exchange.envelope.SharedAttachment;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.TestPartners;
import besa.exchange.transport.Inbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attachments for people on one node: upload (REST and the composer page) with its limits, the
 * preview listing exactly the files that leave, approval for every message with a file, the key
 * only in the sealed message, received files listed and downloaded with an audit event, and a
 * received file passed on only under the originator's rules. Delivery between nodes: TwoNodesTest.
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-att", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.store-received=1h",
        "besa.exchange.max-attachment-bytes=1048576", "besa.exchange.max-attachments=2",
        "besa.exchange.max-unclaimed-bytes-per-partner=3000000", "spring.servlet.multipart.max-request-size=3MB"})
@AutoConfigureMockMvc
class ExchangeAttachmentsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long LIMIT = 1 << 20;
    static Path keys;

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-attachments-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
        r.add("besa.exchange.attachment-dir", () -> keys.resolve("files").toString());
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired NodeIdentity me;
    @Autowired Inbox inbox;
    @Autowired Attachments attachments;

    NodeIdentity tnp;
    RequestPostProcessor officer1;
    RequestPostProcessor officer2;

    @BeforeEach
    void partners() {
        tnp = partner("tnp-ankara");
        partner("bka-wiesbaden");
        officer1 = account(jdbc, "att-one", Role.LIAISON_OFFICER);
        officer2 = account(jdbc, "att-two", Role.LIAISON_OFFICER);
    }

    NodeIdentity partner(String id) {
        NodeIdentity them = TestPartners.register(registry, keys, "Agency " + id, "TR", new Agreement(id, EnumSet.of(Category.PERSON), "Agreement 2024/7 art. 5", HandlingCode.H3, false));
        return them;
    }

    /** A fresh key file for an Attachments made by hand (the test's own folder: the bean's key file is not touched). */
    static besa.exchange.attachment.AttachmentKeys keysIn(Path dir) throws java.io.IOException {
        Path file = Files.createTempDirectory(dir, "keys").resolve("attachments.key");
        return new besa.exchange.attachment.AttachmentKeys(besa.platform.SealingKeys.create(file, "test", "test"));
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    JsonNode upload(RequestPostProcessor who, String name, byte[] content, int status) throws Exception {
        String out = mvc.perform(post("/api/exchange/attachments").param("name", name).with(who).with(csrf())
                        .contentType("application/pdf").content(content))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return JSON.readTree(out);
    }

    JsonNode call(RequestPostProcessor who, String url, String body, int status) throws Exception {
        String out = mvc.perform(post(url).with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return JSON.readTree(out);
    }

    static String compose(String partner, String... attachmentIds) {
        return JSON.writeValueAsString(new Compose(partner, MessageKind.INFORMATION, null, Priority.ROUTINE, "the file we spoke of", List.of(),
                null, java.util.Arrays.stream(attachmentIds).map(UUID::fromString).toList()));
    }

    List<AuditEvent> audit() {
        return jdbc.sql("select data from audit_entry order by idx").query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
    }

    @Test
    void anUploadIsPreviewedApprovedAndSentWithItsKeyOnlyInTheSealedMessage() throws Exception {
        byte[] content = bytes(200_000);
        JsonNode up = upload(officer1, "../../raport\u0000.pdf", content, 201);
        String id = up.at("/attachment/id").asString();
        assertThat(up.at("/attachment/name").asString()).isEqualTo("raport_.pdf");
        assertThat(up.at("/attachment/mediaType").asString()).isEqualTo("application/pdf");
        assertThat(up.at("/attachment/size").asLong()).isEqualTo(content.length);
        assertThat(up.at("/attachment/sha256").asString()).isEqualTo(sha256(content));
        assertThat(up.at("/attachment").has("key")).isFalse();
        // At rest the file is ciphertext.
        byte[] stored = Files.readAllBytes(attachments.outFile(UUID.fromString(id)));
        assertThat(stored.length).isEqualTo(ChunkedCipher.cipherLength(content.length));
        assertThat(sha256(stored)).isEqualTo(up.at("/attachment/cipherSha256").asString());

        JsonNode p = call(officer1, "/api/exchange/messages/preview", compose("tnp-ankara", id), 200);
        assertThat(p.at("/payload/attachments").size()).isEqualTo(1);
        assertThat(p.at("/payload/attachments/0/name").asString()).isEqualTo("raport_.pdf");
        assertThat(p.at("/payload/attachments/0/sha256").asString()).isEqualTo(sha256(content));
        assertThat(p.at("/payload/attachments/0").has("key")).isFalse();
        assertThat(p.get("approval").toString()).contains("attachment");

        // Someone else's upload cannot be sent by another officer: to him it does not exist.
        JsonNode notHis = call(officer2, "/api/exchange/messages", compose("tnp-ankara", id), 400);
        assertThat(notHis.get("field").asString()).isEqualTo("attachments");
        assertThat(notHis.get("detail").asString()).isEqualTo("no uploaded attachment " + id);

        JsonNode d = call(officer1, "/api/exchange/messages", compose("tnp-ankara", id), 201);
        assertThat(d.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        // The approver looks at the file first: decrypted, and audited.
        byte[] seen = mvc.perform(get("/api/exchange/attachments/" + id + "/content").with(officer2)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(seen).isEqualTo(content);
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.CONSULTATION && e.actor().equals("att-two") && e.target().contains(id));

        JsonNode sent = call(officer2, "/api/exchange/approvals/" + d.get("id").asString() + "/approve", "{\"reason\":\"checked the file\"}", 200);
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        String messageId = sent.get("messageId").asString();
        Message m = Envelopes.fromJson(jdbc.sql("select message::text from exchange_outbox where message_id = ?::uuid").param(messageId)
                .query(String.class).single());
        SharedAttachment a = m.payload().attachments().getFirst();
        assertThat(a.sha256()).isEqualTo(sha256(content));
        // The outbox's copy of the message names the file without its key; the key that was sealed for TNP opens the file.
        assertThat(a.key()).isNull();
        byte[] key = keyOf(a);
        var plain = new ByteArrayOutputStream();
        try (var in = ChunkedCipher.decrypt(Files.newInputStream(attachments.outFile(a.id())), key, a.id())) {
            in.transferTo(plain);
        }
        assertThat(plain.toByteArray()).isEqualTo(content);
        assertThat(rowsHolding(key)).as("tables holding the file key readable").isEmpty();
        assertThat(jdbc.sql("select message_id::text from exchange_attachment where id = ?::uuid").param(id).query(String.class).single())
                .isEqualTo(messageId);
        // The message as the API shows it lists the file, never its key.
        String shown = mvc.perform(get("/api/exchange/messages/" + messageId).with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("raport_.pdf").doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        // An upload goes with one message only.
        assertThat(call(officer1, "/api/exchange/messages", compose("tnp-ankara", id), 409).get("detail").asString()).contains("not a free upload");
    }

    @Test
    void limitsAreClearRefusalsThatKeepWhatWasStored() throws Exception {
        long rows = jdbc.sql("select count(*) from exchange_attachment").query(Long.class).single();
        JsonNode big = upload(officer1, "big.bin", bytes((int) LIMIT + 1), 413);
        assertThat(big.get("field").asString()).isEqualTo("file");
        assertThat(big.get("detail").asString()).contains("big.bin", "larger than the limit of 1048576 bytes");
        assertThat(jdbc.sql("select count(*) from exchange_attachment").query(Long.class).single()).isEqualTo(rows);
        // Exactly the limit is fine.
        String one = upload(officer1, "one.bin", bytes((int) LIMIT), 201).at("/attachment/id").asString();
        String two = upload(officer1, "two.bin", bytes(10), 201).at("/attachment/id").asString();
        String three = upload(officer1, "three.bin", bytes(11), 201).at("/attachment/id").asString();
        JsonNode many = call(officer1, "/api/exchange/messages/preview", compose("tnp-ankara", one, two, three), 413);
        assertThat(many.get("detail").asString()).contains("at most 2 attachments");
        assertThat(jdbc.sql("select count(*) from exchange_attachment where id = ?::uuid").param(one).query(Long.class).single()).isEqualTo(1);
        call(officer1, "/api/exchange/messages/preview", compose("tnp-ankara", one, two), 200);
        call(officer1, "/api/exchange/messages/preview", compose("tnp-ankara", UUID.randomUUID().toString()), 400);
        mvc.perform(post("/api/exchange/attachments").param("name", "x.bin").with(account(jdbc, "att-analyst", Role.ANALYST)).with(csrf())
                .content(bytes(10))).andExpect(status().isForbidden());
    }

    /** TNP sends a file: its ciphertext uploaded first, then the sealed message with the key, through the real inbox. */
    UUID receiveFileFromTnp(byte[] content, String claimedSha256) throws Exception {
        return receiveFileFromTnp(content, claimedSha256, "dosja.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    UUID receiveFileFromTnp(byte[] content, String claimedSha256, String name, String mediaType) throws Exception {
        return receiveFileFromTnp(content, claimedSha256, name, mediaType, List.of());
    }

    /** The raw key of the last file received with receiveFileFromTnp, and the JWE that brought it. */
    byte[] lastKey;
    String lastJwe;

    UUID receiveFileFromTnp(byte[] content, String claimedSha256, String name, String mediaType, List<SharedEntity> entities) throws Exception {
        UUID fileId = UUID.randomUUID();
        byte[] key = ChunkedCipher.newKey();
        lastKey = key.clone();
        var cipher = new ByteArrayOutputStream();
        try (OutputStream o = ChunkedCipher.encrypt(cipher, key, fileId)) {
            o.write(content);
        }
        String cipherSha = sha256(cipher.toByteArray());
        assertThat(attachments.receive("tnp-ankara", fileId, cipherSha, new ByteArrayInputStream(cipher.toByteArray())))
                .isEqualTo(Attachments.Received.STORED);
        var a = new SharedAttachment(fileId, name, mediaType, content.length,
                claimedSha256, cipherSha, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        Envelopes theirs = new Envelopes(tnp, registry, Clock.systemUTC(), Duration.ofMinutes(5));
        Instant now = Instant.now();
        Message m = new Message(UUID.randomUUID(), "tnp-ankara", me.nodeId(), MessageKind.INFORMATION, UUID.randomUUID(), Priority.ROUTINE, null,
                now, now.plus(Duration.ofDays(1)), UUID.randomUUID().toString().replace("-", ""), "Agreement 2024/7 art. 5", false,
                new Payload("file attached", entities, List.of(a)));
        lastJwe = theirs.seal(m, me.encryptionKey());
        Inbox.Outcome o = inbox.accept("tnp-ankara", lastJwe, "127.0.0.1");
        if (o instanceof Inbox.Refused r) return r.reason() == Rejection.MALFORMED ? null : m.id();
        return m.id();
    }

    @Test
    void aReceivedFileIsListedDownloadedDecryptedAndAudited() throws Exception {
        byte[] content = bytes(150_000);
        UUID message = receiveFileFromTnp(content, sha256(content));
        assertThat(message).isNotNull();
        SharedAttachment a = Envelopes.fromJson(jdbc.sql("select message::text from exchange_inbox where message_id = ?").param(message)
                .query(String.class).single()).payload().attachments().getFirst();

        String shown = mvc.perform(get("/api/exchange/messages/" + message).with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(a.key()).isNull(); // the inbox keeps the message without the key
        assertThat(shown).contains("dosja.docx", sha256(content));
        var resp = mvc.perform(get("/api/exchange/messages/" + message + "/attachments/" + a.id()).with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(resp.getContentAsByteArray()).isEqualTo(content);
        assertThat(resp.getHeader("Content-Disposition")).startsWith("attachment").contains("dosja.docx");
        assertThat(resp.getContentType()).isEqualTo("application/octet-stream");
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.CONSULTATION && e.actor().equals("att-one")
                && e.target().contains(a.id().toString()) && e.target().contains("dosja.docx")
                && e.justification().contains("message " + message) && e.justification().contains("originator tnp-ankara")
                && e.recipient().equals("tnp-ankara"));

        // The page lists it with a download link, in Albanian and in English.
        String sq = mvc.perform(get("/exchange/messages/" + message).with(officer1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("Bashkëngjitjet", "dosja.docx", "/exchange/messages/" + message + "/attachments/" + a.id());
        String en = mvc.perform(get("/exchange/messages/" + message).param("lang", "en").with(officer1)).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Attachments", "SHA-256 of the content");
    }

    @Test
    void aFileWhoseContentIsNotWhatTheSignedMessageSaysIsRefused() throws Exception {
        byte[] content = bytes(1000);
        assertThat(receiveFileFromTnp(content, sha256(bytes(999)))).isNull(); // MALFORMED
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.SECURITY_ALERT && e.justification().contains("plaintext SHA-256 differs"));
    }

    @Test
    void aReceivedFileGoesOnOnlyUnderTheOriginatorsRules() throws Exception {
        byte[] content = bytes(5000);
        UUID message = receiveFileFromTnp(content, sha256(content));
        SharedAttachment a = Envelopes.fromJson(jdbc.sql("select message::text from exchange_inbox where message_id = ?").param(message)
                .query(String.class).single()).payload().attachments().getFirst();
        JsonNode copy = call(officer1, "/api/exchange/messages/" + message + "/attachments/" + a.id() + "/copy", "", 201);
        String id = copy.at("/attachment/id").asString();
        assertThat(id).isNotEqualTo(a.id().toString());
        assertThat(copy.at("/attachment/sha256").asString()).isEqualTo(sha256(content)); // same content, new key and id
        // To a third partner: TNP's message did not allow onward transfer.
        JsonNode p = call(officer1, "/api/exchange/messages/preview", compose("bka-wiesbaden", id), 200);
        assertThat(p.at("/payload/attachments").size()).isZero();
        assertThat(p.get("withheld").toString()).contains("did not allow onward transfer");
        assertThat(call(officer1, "/api/exchange/messages", compose("bka-wiesbaden", id), 403).get("field").asString()).isEqualTo("attachments");
        // Back to its originator: fine.
        JsonNode back = call(officer1, "/api/exchange/messages/preview", compose("tnp-ankara", id), 200);
        assertThat(back.at("/payload/attachments").size()).isEqualTo(1);

        // Reading the copy is reading TNP's file: the audit names TNP and its message. On no draft yet, it is its maker's alone.
        mvc.perform(get("/api/exchange/attachments/" + id + "/content").with(officer2)).andExpect(status().isNotFound());
        mvc.perform(get("/api/exchange/attachments/" + id + "/content").with(officer1)).andExpect(status().isOk());
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.CONSULTATION && e.actor().equals("att-one") && e.target().contains(id)
                && e.recipient().equals("tnp-ankara") && e.justification().contains("message " + message)
                && e.justification().contains("originator tnp-ankara"));
    }

    @Test
    void receivedNamesAndMediaTypesAreCleanedForPagesDownloadsAndAudit() throws Exception {
        byte[] content = bytes(2000);
        String name = "..\\x/\u202Egpj.exe\u0007 " + "a".repeat(300) + ".pdf";
        UUID message = receiveFileFromTnp(content, sha256(content), name, "Text/HTML\r\nX-Injected: 1");
        SharedAttachment a = Envelopes.fromJson(jdbc.sql("select message::text from exchange_inbox where message_id = ?").param(message)
                .query(String.class).single()).payload().attachments().getFirst();
        assertThat(a.name()).doesNotContain("\u202E", "\u0007", "/", "\\").endsWith(".pdf").hasSizeLessThanOrEqualTo(200).startsWith("_gpj.exe_");
        assertThat(a.mediaType()).isEqualTo("application/octet-stream");
        var resp = mvc.perform(get("/api/exchange/messages/" + message + "/attachments/" + a.id()).with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(resp.getHeader("Content-Disposition")).doesNotContain("\u202E").doesNotContain("%E2%80%AE").contains(".pdf");
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.CONSULTATION && e.target().contains(a.name()));
        assertThat(audit()).noneMatch(e -> e.target().contains("\u202E") || e.justification().contains("\u202E"));
        String page = mvc.perform(get("/exchange/messages/" + message).with(officer1)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("gpj.exe_").doesNotContain("\u202E");
    }

    @Test
    void unclaimedUploadsOfAPartnerStayWithinItsQuota() throws Exception {
        String p = "quota-partner";
        byte[] one = bytes(1_000_000);
        byte[] two = bytes(1_000_001);
        byte[] three = bytes(1_040_000); // under the largest ciphertext allowed (1 048 832)
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        assertThat(attachments.receive(p, first, sha256(one), one.length, new ByteArrayInputStream(one))).isEqualTo(Attachments.Received.STORED);
        assertThat(attachments.receive(p, second, sha256(two), two.length, new ByteArrayInputStream(two))).isEqualTo(Attachments.Received.STORED);
        assertThat(attachments.unclaimedBytes(p)).isEqualTo(2_000_001);
        // 3 000 000 bytes at most: refused before anything is kept.
        assertThatThrownBy(() -> attachments.receive(p, third, sha256(three), three.length, new ByteArrayInputStream(three)))
                .isInstanceOf(Attachments.OverQuota.class).hasMessageContaining("limit of 3000000");
        assertThat(attachments.holds(p, third, sha256(three))).isFalse();
        assertThat(partnerFiles(p)).hasSize(2);
        // The same file again is no new data: never refused for the quota.
        assertThat(attachments.receive(p, second, sha256(two), two.length, new ByteArrayInputStream(two))).isEqualTo(Attachments.Received.ALREADY_STORED);
        // Another partner has its own quota.
        assertThat(attachments.receive("quota-other", third, sha256(three), three.length, new ByteArrayInputStream(three)))
                .isEqualTo(Attachments.Received.STORED);
        // Once a message names the first file, there is room.
        jdbc.sql("update exchange_attachment_in set message_id = ? where partner_id = ? and id = ?").params(UUID.randomUUID(), p, first).update();
        assertThat(attachments.receive(p, third, sha256(three), three.length, new ByteArrayInputStream(three))).isEqualTo(Attachments.Received.STORED);
        // Of unknown length, an upload counts as the largest allowed until it is stored: no room for that now.
        byte[] small = bytes(10);
        assertThatThrownBy(() -> attachments.receive(p, UUID.randomUUID(), sha256(small), new ByteArrayInputStream(small)))
                .isInstanceOf(Attachments.OverQuota.class);
    }

    List<Path> partnerFiles(String partner) throws Exception {
        try (var l = Files.list(keys.resolve("files/in").resolve(partner))) {
            return l.toList();
        }
    }

    @Test
    void aQuotaBelowTheLargestMessageStopsTheStart() throws Exception {
        Path dir = Files.createTempDirectory("besa-quota");
        assertThatThrownBy(() -> new Attachments(jdbc, keysIn(dir), Clock.systemUTC(), dir, LIMIT, 2, 2 * LIMIT - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-unclaimed-bytes-per-partner").hasMessageContaining("never be received");
        assertThat(new Attachments(jdbc, keysIn(dir), Clock.systemUTC(), dir, LIMIT, 2, 2 * LIMIT).maxUnclaimedBytes()).isEqualTo(2 * LIMIT);
    }

    @Test
    void aFileWhoseRowCannotBeWrittenIsNotLeftOnDisk() throws Exception {
        // The database refuses the rows (the real one, but every insert of an attachment row fails): no orphan file, on either side.
        JdbcClient failing = org.mockito.Mockito.mock(JdbcClient.class, org.mockito.AdditionalAnswers.delegatesTo(jdbc));
        org.mockito.Mockito.doThrow(new org.springframework.dao.DataAccessResourceFailureException("database gone"))
                .when(failing).sql(org.mockito.ArgumentMatchers.contains("insert into exchange_attachment"));
        Path dir = Files.createTempDirectory("besa-orphans");
        Attachments store = new Attachments(failing, keysIn(dir), Clock.systemUTC(), dir, LIMIT, 2, 3_000_000);
        assertThatThrownBy(() -> store.upload("att-one", "x.pdf", "application/pdf", new ByteArrayInputStream(bytes(5000))))
                .hasMessageContaining("database gone");
        try (var l = Files.list(dir.resolve("out"))) {
            assertThat(l.toList()).isEmpty();
        }
        byte[] cipher = bytes(700);
        assertThatThrownBy(() -> store.receive("tnp-ankara", UUID.randomUUID(), sha256(cipher), new ByteArrayInputStream(cipher)))
                .hasMessageContaining("database gone");
        try (var l = Files.list(dir.resolve("in/tnp-ankara"))) {
            assertThat(l.toList()).isEmpty();
        }
    }

    @Test
    void aKeyOfTheWrongLengthLeavesNoFileOpen() throws Exception {
        byte[] cipher = bytes(500);
        UUID id = UUID.randomUUID();
        attachments.receive("tnp-ankara", id, sha256(cipher), new ByteArrayInputStream(cipher));
        var a = new SharedAttachment(id, "x.bin", null, 400, "a", sha256(cipher), Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]));
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "counts open files through /proc");
        long before = countOpen(fds);
        for (int i = 0; i < 500; i++) {
            assertThatThrownBy(() -> attachments.openIn("tnp-ankara", a)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        }
        assertThat(countOpen(fds) - before).as("files left open").isLessThan(100); // 500 without the fix; other threads may open a few
    }

    static long countOpen(Path fds) throws Exception {
        try (var l = Files.list(fds)) {
            return l.count();
        }
    }

    @Test
    void theComposerPageUploadsFilesAndPreviewsThem() throws Exception {
        byte[] content = bytes(3000);
        String html = mvc.perform(multipart("/exchange/compose").file(new MockMultipartFile("files", "plan.pdf", "application/pdf", content))
                        .param("partner", "tnp-ankara").param("kind", "INFORMATION").param("priority", "ROUTINE").param("note", "see file")
                        .param("action", "preview").param("lang", "en").with(officer1).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("plan.pdf", sha256(content), "Attachments");
        String id = jdbc.sql("select id::text from exchange_attachment where name = 'plan.pdf' and uploaded_by = 'att-one'").query(String.class).single();
        assertThat(html).contains("value=\"" + id + "\""); // kept for the send
        // Too large on the page: a message, and the earlier upload stays attached.
        String refused = mvc.perform(multipart("/exchange/compose").file(new MockMultipartFile("files", "huge.bin", "application/octet-stream", bytes((int) LIMIT + 1)))
                        .param("partner", "tnp-ankara").param("kind", "INFORMATION").param("priority", "ROUTINE").param("attachments", id)
                        .param("action", "preview").param("lang", "en").with(officer1).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("huge.bin", "larger than the limit", "plan.pdf", "value=\"" + id + "\"");
    }
    @Test
    void unusedUploadsAndUnclaimedPartnerUploadsArePurgedAndNothingInUse() throws Exception {
        String unused = upload(officer1, "forgotten.bin", bytes(100), 201).at("/attachment/id").asString();
        String drafted = upload(officer1, "drafted.bin", bytes(101), 201).at("/attachment/id").asString();
        call(officer1, "/api/exchange/messages", compose("tnp-ankara", drafted), 201);
        UUID unclaimed = UUID.randomUUID();
        byte[] cipher = bytes(300);
        attachments.receive("tnp-ankara", unclaimed, sha256(cipher), new ByteArrayInputStream(cipher));
        jdbc.sql("update exchange_attachment set uploaded_at = now() - interval '8 days' where id in (?::uuid, ?::uuid)").params(unused, drafted).update();
        jdbc.sql("update exchange_attachment_in set received_at = now() - interval '15 days' where id = ?").param(unclaimed).update();

        Instant now = Instant.now();
        assertThat(attachments.purge(now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(14)))).isGreaterThanOrEqualTo(2);
        assertThat(Files.exists(attachments.outFile(UUID.fromString(unused)))).isFalse();
        assertThat(jdbc.sql("select count(*) from exchange_attachment where id = ?::uuid").param(unused).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from exchange_attachment_in where id = ?").param(unclaimed).query(Long.class).single()).isZero();
        assertThat(attachments.missing("tnp-ankara", List.of(new SharedAttachment(unclaimed, "x", null, 1, "a", sha256(cipher), null))))
                .containsExactly(unclaimed);
        // A crash's leftovers go too, in our folder and in a partner's.
        Path leftOut = Files.createTempFile(keys.resolve("files/out"), ".upload-", ".tmp");
        Path leftIn = Files.createTempFile(keys.resolve("files/in/tnp-ankara"), ".upload-", ".tmp");
        for (Path f : List.of(leftOut, leftIn)) Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(now.minus(Duration.ofDays(8))));
        attachments.purge(now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(14)));
        assertThat(leftOut).doesNotExist();
        assertThat(leftIn).doesNotExist();
        // A file a draft holds stays, however old.
        assertThat(Files.exists(attachments.outFile(UUID.fromString(drafted)))).isTrue();
    }

    // ---------------------------------------------------------------- keys at rest, handling codes, the multipart cap

    /** The raw key of one of our files, as it is put into the sealed message. */
    byte[] keyOf(SharedAttachment a) {
        return Base64.getUrlDecoder().decode(attachments.withKeys(new Payload("", List.of(), List.of(a.withoutKey()))).attachments().getFirst().key());
    }

    /**
     * The tables with a row whose bytes show {@code key} in any form it could be stored in: raw bytes
     * (bytea is read as hex), hex, base64 or base64url text, and that text inside a bytea (e.g. the audit trail).
     */
    List<String> rowsHolding(byte[] key) {
        HexFormat hex = HexFormat.of();
        String b64 = Base64.getEncoder().withoutPadding().encodeToString(key);
        String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        List<String> forms = List.of(hex.formatHex(key), b64, b64url, hex.formatHex(b64.getBytes()), hex.formatHex(b64url.getBytes()));
        List<String> found = new java.util.ArrayList<>();
        for (String table : jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'")
                .query(String.class).list()) {
            String rows = jdbc.sql("select coalesce(string_agg(lower(t::text), ' '), '') from \"" + table + "\" t").query(String.class).single();
            if (forms.stream().anyMatch(f -> rows.contains(f.toLowerCase()))) found.add(table);
        }
        return found;
    }

    @Test
    void noFileKeyIsReadableInTheDatabaseAfterASendOrAReceipt() throws Exception {
        // Received: the key came inside TNP's message; the inbox keeps the message, the file's row the key, sealed.
        byte[] content = bytes(4000);
        UUID message = receiveFileFromTnp(content, sha256(content));
        byte[] received = lastKey;
        assertThat(rowsHolding(received)).as("tables holding a received file's key readable").isEmpty();
        assertThat(jdbc.sql("select key_version from exchange_attachment_in where message_id = ?").param(message).query(Integer.class).single())
                .isEqualTo(1);
        // Still downloadable: the sealed key opens.
        SharedAttachment a = Envelopes.fromJson(jdbc.sql("select message::text from exchange_inbox where message_id = ?").param(message)
                .query(String.class).single()).payload().attachments().getFirst();
        assertThat(mvc.perform(get("/api/exchange/messages/" + message + "/attachments/" + a.id()).with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray()).isEqualTo(content);
        // Sent: see anUploadIsPreviewedApprovedAndSentWithItsKeyOnlyInTheSealedMessage; an upload on its own too.
        String id = upload(officer1, "eigen.pdf", bytes(100), 201).at("/attachment/id").asString();
        SharedAttachment mine = attachments.find(UUID.fromString(id)).orElseThrow().attachment();
        assertThat(rowsHolding(keyOf(mine))).isEmpty();
        // The scan finds a key that is stored in the clear (so "empty" above means something).
        jdbc.sql("update exchange_attachment set key = ?, key_version = null where id = ?::uuid").params(keyOf(mine), id).update();
        assertThat(rowsHolding(keyOf(mine))).containsExactly("exchange_attachment");
        attachments.sealPlainKeys();
        assertThat(rowsHolding(keyOf(mine))).isEmpty();
    }

    @Test
    void anUpgradeSealsTheKeysOlderVersionsStoredInTheClear() throws Exception {
        // As an older version left them: our file's key in its row, a received file's key in the inbox's message (and none in
        // its file's row), a sent message's copy in the outbox with its key.
        byte[] content = bytes(3000);
        UUID message = receiveFileFromTnp(content, sha256(content));
        byte[] theirKey = lastKey;
        String theirJwe = lastJwe;
        Message stored = Envelopes.fromJson(jdbc.sql("select message::text from exchange_inbox where message_id = ?").param(message).query(String.class).single());
        SharedAttachment theirs = stored.payload().attachments().getFirst();
        Message legacyIn = new Message(stored.id(), stored.from(), stored.to(), stored.kind(), stored.thread(), stored.priority(), stored.replyBy(),
                stored.createdAt(), stored.validUntil(), stored.nonce(), stored.legalBasis(), stored.onwardTransfer(),
                new Payload(stored.payload().note(), stored.payload().entities(), List.of(theirs.withKey(Base64.getUrlEncoder().withoutPadding().encodeToString(theirKey)))));
        jdbc.sql("update exchange_inbox set message = ?::jsonb where message_id = ?").params(Envelopes.toJson(legacyIn), message).update();
        jdbc.sql("update exchange_attachment_in set key = null, key_version = null where message_id = ?").param(message).update();

        byte[] ours = bytes(2500);
        String id = upload(officer1, "old.pdf", ours, 201).at("/attachment/id").asString();
        SharedAttachment mine = attachments.find(UUID.fromString(id)).orElseThrow().attachment();
        byte[] ourKey = keyOf(mine);
        jdbc.sql("update exchange_attachment set key = ?, key_version = null where id = ?::uuid").params(ourKey, id).update();
        UUID sent = UUID.randomUUID();
        Message legacyOut = new Message(sent, me.nodeId(), "tnp-ankara", MessageKind.INFORMATION, UUID.randomUUID(), Priority.ROUTINE, null, Instant.now(),
                Instant.now().plus(Duration.ofDays(1)), "legacy-nonce", "Agreement 2024/7 art. 5", false,
                new Payload("old", List.of(), List.of(mine.withKey(Base64.getUrlEncoder().withoutPadding().encodeToString(ourKey)))));
        jdbc.sql("""
                insert into exchange_outbox (message_id, partner_id, kind, thread_id, priority, message, jwe, jwe_sha256, status, next_attempt_at,
                    valid_until, created_by, created_at) values (?, 'tnp-ankara', 'INFORMATION', ?, 'ROUTINE', ?::jsonb, 'x', 'x', 'DELIVERED', now(),
                    now() + interval '1 day', 'att-one', now())""").params(sent, legacyOut.thread(), Envelopes.toJson(legacyOut)).update();
        jdbc.sql("update exchange_attachment set message_id = ? where id = ?::uuid").params(sent, id).update();
        assertThat(rowsHolding(theirKey)).containsExactly("exchange_inbox");
        assertThat(rowsHolding(ourKey)).containsExactlyInAnyOrder("exchange_attachment", "exchange_outbox");

        assertThat(attachments.sealPlainKeys()).isEqualTo(2);

        assertThat(rowsHolding(theirKey)).isEmpty();
        assertThat(rowsHolding(ourKey)).isEmpty();
        assertThat(attachments.sealPlainKeys()).isZero(); // nothing left to do: a second start changes nothing
        // The inbox still answers the same delivery again as a duplicate, with the receipt it signed the first time.
        String receipt = jdbc.sql("select receipt from exchange_inbox where message_id = ?").param(message).query(String.class).single();
        assertThat(inbox.accept("tnp-ankara", theirJwe, "127.0.0.1")).isEqualTo(new Inbox.Duplicate(message, receipt));
        // Both files still open with their sealed keys.
        assertThat(mvc.perform(get("/api/exchange/messages/" + message + "/attachments/" + theirs.id()).with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray()).isEqualTo(content);
        assertThat(mvc.perform(get("/api/exchange/attachments/" + id + "/content").with(officer1)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray()).isEqualTo(ours);
    }

    /**
     * A file on no draft and no message has no handling code of its own: only its uploader reads it; to another officer it
     * does not exist (404, description and content), and the attempt is audited. On a draft, the approver may read it.
     */
    @Test
    void aFileNotYetOnADraftIsOnlyItsUploaders() throws Exception {
        byte[] content = bytes(3000);
        String id = upload(officer1, "shenime.txt", content, 201).at("/attachment/id").asString();
        String api = "/api/exchange/attachments/" + id;
        mvc.perform(get(api + "/content").with(officer2)).andExpect(status().isNotFound());
        mvc.perform(get("/exchange/attachments/" + id + "/content").with(officer2)).andExpect(status().isNotFound());
        mvc.perform(get(api).with(officer2)).andExpect(status().isNotFound());
        // Nor does the composer's preview describe it to him (name, size, hashes): the same answer as an unknown id.
        assertThat(call(officer2, "/api/exchange/messages/preview", compose("tnp-ankara", id), 400).get("detail").asString())
                .isEqualTo("no uploaded attachment " + id);
        assertThat(call(officer1, "/api/exchange/messages/preview", compose("tnp-ankara", id), 200).at("/payload/attachments/0/name").asString())
                .isEqualTo("shenime.txt");
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.CONSULTATION && e.outcome() == besa.audit.AuditOutcome.DENIED
                && e.actor().equals("att-two") && e.target().contains(id) && e.justification().contains("only its uploader"));
        assertThat(audit()).noneMatch(e -> e.action() == AuditAction.CONSULTATION && e.outcome() == besa.audit.AuditOutcome.SUCCESS
                && e.actor().equals("att-two") && e.target().contains(id));
        assertThat(mvc.perform(get(api + "/content").with(officer1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())
                .isEqualTo(content);
        mvc.perform(get(api).with(officer1)).andExpect(status().isOk());
        // On a draft waiting for approval, the second officer reads it to decide.
        assertThat(call(officer1, "/api/exchange/messages", compose("tnp-ankara", id), 201).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(mvc.perform(get(api + "/content").with(officer2)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())
                .isEqualTo(content);
    }

    @Test
    void aFileIsDownloadedOnlyByOfficersWhoseClearanceCoversItsMessage() throws Exception {
        jdbc.sql("update app_user set clearance = 1 where username = 'att-one'").update();
        jdbc.sql("update app_user set clearance = 3 where username = 'att-two'").update();
        try {
            byte[] content = bytes(6000);
            var h2 = new SharedEntity("ent-h2", "Person", Category.PERSON, "Arben Krasniqi", List.of(
                    new SharedStatement("name", "Arben Krasniqi", "TNP", "case-1", "Law 5237", "B2", HandlingCode.H2)));
            UUID message = receiveFileFromTnp(content, sha256(content), "h2.pdf", "application/pdf", List.of(h2));
            assertThat(message).isNotNull();
            UUID file = Envelopes.fromJson(jdbc.sql("select message::text from exchange_inbox where message_id = ?").param(message)
                    .query(String.class).single()).payload().attachments().getFirst().id();
            String url = "/api/exchange/messages/" + message + "/attachments/" + file;

            // H1 clearance: a 403 problem that says why, audited as refused, nothing sent.
            var refused = mvc.perform(get(url).with(officer1)).andExpect(status().isForbidden()).andReturn().getResponse();
            JsonNode problem = JSON.readTree(refused.getContentAsString());
            assertThat(problem.get("detail").asString()).contains("h2.pdf", "H2", "your clearance is H1");
            assertThat(audit()).anyMatch(e -> e.action() == AuditAction.CONSULTATION && e.outcome() == besa.audit.AuditOutcome.DENIED
                    && e.actor().equals("att-one") && e.target().contains(file.toString()) && e.target().contains("H2")
                    && e.recipient().equals("tnp-ankara"));
            assertThat(audit()).noneMatch(e -> e.action() == AuditAction.CONSULTATION && e.outcome() == besa.audit.AuditOutcome.SUCCESS
                    && e.actor().equals("att-one") && e.target().contains(file.toString()));
            // The page: back to the message with the reason, in English and in Albanian.
            var page = mvc.perform(get("/exchange/messages/" + message + "/attachments/" + file).param("lang", "en").with(officer1))
                    .andExpect(status().is3xxRedirection()).andReturn();
            assertThat(page.getResponse().getRedirectedUrl()).isEqualTo("/exchange/messages/" + message);
            String shown = mvc.perform(get("/exchange/messages/" + message).param("lang", "en").with(officer1).flashAttrs(page.getFlashMap()))
                    .andReturn().getResponse().getContentAsString();
            assertThat(shown).contains("Download of", "h2.pdf", "refused", "H2", "your clearance is H1")
                    .contains("These files count as H2, the highest handling code of this message");
            var pageSq = mvc.perform(get("/exchange/messages/" + message + "/attachments/" + file).param("lang", "sq").with(officer1)).andReturn();
            assertThat(pageSq.getFlashMap().get("error").toString()).contains("u refuzua", "H2", "H1");
            // Passing it on is refused too (the copy would be readable by its maker).
            call(officer1, url + "/copy", "", 403);

            // H3 clearance: the file, audited with its handling code.
            assertThat(mvc.perform(get(url).with(officer2)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())
                    .isEqualTo(content);
            assertThat(audit()).anyMatch(e -> e.action() == AuditAction.CONSULTATION && e.outcome() == besa.audit.AuditOutcome.SUCCESS
                    && e.actor().equals("att-two") && e.target().contains(file.toString()) && e.target().contains("H2"));
            // At exactly H2 too.
            jdbc.sql("update app_user set clearance = 2 where username = 'att-one'").update();
            mvc.perform(get(url).with(officer1)).andExpect(status().isOk());
        } finally {
            jdbc.sql("update app_user set clearance = null where username in ('att-one', 'att-two')").update();
        }
    }

    @Test
    void aPageSubmissionOverTheMultipartCapGetsAMessageAndKeepsEarlierUploads() throws Exception {
        String earlier = upload(officer1, "earlier.pdf", bytes(500), 201).at("/attachment/id").asString();
        long rows = jdbc.sql("select count(*) from exchange_attachment").query(Long.class).single();
        byte[] body = bytes(3 * 1024 * 1024 + 1); // over the 3 MB the test sets as spring.servlet.multipart.max-request-size
        var over = mvc.perform(post("/exchange/compose?kept=" + earlier + ",not-an-id").with(officer1).with(csrf())
                        .contentType("multipart/form-data; boundary=xyz").content(body))
                .andExpect(status().isSeeOther()).andReturn().getResponse();
        String back = over.getHeader("Location");
        assertThat(back).startsWith("/exchange/compose?tooLarge=" + body.length).contains("attachments=" + earlier).doesNotContain("not-an-id");
        assertThat(jdbc.sql("select count(*) from exchange_attachment").query(Long.class).single()).isEqualTo(rows);

        String en = mvc.perform(get(back + "&lang=en").with(officer1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Nothing was uploaded", "3 MB at once", "more than the 3 MB", "each file at most 1 MB")
                .contains("earlier.pdf", "value=\"" + earlier + "\"");
        String sq = mvc.perform(get(back + "&lang=sq").with(officer1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("Nuk u ngarkua asgjë", "earlier.pdf");
        // Another officer's upload is not attached to his form by an address.
        String other = mvc.perform(get(back + "&lang=en").with(officer2)).andReturn().getResponse().getContentAsString();
        assertThat(other).doesNotContain("earlier.pdf");
        // Under the cap the composer works as before (the filter lets it through).
        mvc.perform(multipart("/exchange/compose").file(new MockMultipartFile("files", "small.pdf", "application/pdf", bytes(10)))
                .param("partner", "tnp-ankara").param("kind", "INFORMATION").param("priority", "ROUTINE").param("action", "preview")
                .with(officer1).with(csrf())).andExpect(status().isOk());
    }

    @Test
    void aNewSealingKeySealsNewFilesAndTheOldKeyStillOpensOldOnes() throws Exception {
        Path dir = Files.createTempDirectory("besa-rotation");
        Path file = dir.resolve("attachments.key");
        besa.platform.SealingKeys.create(file, "test", "test");
        byte[] first = bytes(700);
        byte[] second = bytes(701);
        UUID before = new Attachments(jdbc, new besa.exchange.attachment.AttachmentKeys(besa.platform.SealingKeys.load(file, "test")), Clock.systemUTC(),
                dir, LIMIT, 2).upload("att-one", "before.bin", null, new ByteArrayInputStream(first)).attachment().id();
        // The rotation: a version 2 added to the file (and the node restarted, which loads it).
        byte[] k2 = ChunkedCipher.newKey();
        Files.writeString(file, "2 " + Base64.getEncoder().encodeToString(k2) + "\n", java.nio.file.StandardOpenOption.APPEND);
        Attachments rotated = new Attachments(jdbc, new besa.exchange.attachment.AttachmentKeys(besa.platform.SealingKeys.load(file, "test")),
                Clock.systemUTC(), dir, LIMIT, 2);
        UUID after = rotated.upload("att-one", "after.bin", null, new ByteArrayInputStream(second)).attachment().id();
        try {
            assertThat(jdbc.sql("select key_version from exchange_attachment where id = ?").param(before).query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select key_version from exchange_attachment where id = ?").param(after).query(Integer.class).single()).isEqualTo(2);
            try (var in = rotated.openOut(before)) {
                assertThat(in.readAllBytes()).isEqualTo(first);
            }
            try (var in = rotated.openOut(after)) {
                assertThat(in.readAllBytes()).isEqualTo(second);
            }
            // Another key file opens neither (the database alone, or with the wrong file, yields no key).
            Attachments stranger = new Attachments(jdbc, keysIn(dir), Clock.systemUTC(), dir, LIMIT, 2);
            assertThatThrownBy(() -> stranger.openOut(after)).isInstanceOf(besa.platform.SealingKeys.Unreadable.class);
        } finally {
            jdbc.sql("delete from exchange_attachment where id in (?, ?)").params(before, after).update();
        }
    }
}
