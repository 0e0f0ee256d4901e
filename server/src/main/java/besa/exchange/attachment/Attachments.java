package besa.exchange.attachment;

import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.SharedAttachment;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attachments on disk, always encrypted ({@link ChunkedCipher}, a fresh key per file), and their
 * rows. Sending side: an upload is streamed through SHA-256 (plaintext), the cipher and SHA-256
 * (ciphertext) into {@code out/<id>.bin}; the ciphertext is what the outbox sends, byte for byte.
 * Receiving side: a partner's upload is streamed into {@code in/<partner>/<id>-<sha>.bin} and kept
 * only if it is whole and has the hash the partner announced. Nothing is held whole in memory, and
 * a file becomes visible only by an atomic move once complete.
 */
public class Attachments {
    /** An uploaded file as the composer sees it (no key). */
    public record Upload(SharedAttachment attachment, String uploadedBy, UUID draft, UUID message) {}

    /** How a partner's upload went. */
    public enum Received { STORED, ALREADY_STORED }

    private static final Pattern PARTNER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final JdbcClient jdbc;
    private final AttachmentKeys keys;
    private final Clock clock;
    private final Path out;
    private final Path in;
    private final long maxBytes;
    private final int maxCount;
    private final long maxUnclaimed;
    /** Bytes of uploads in progress per partner, counted against its quota until they are stored or fail. */
    private final java.util.Map<String, Long> inFlight = new java.util.HashMap<>();

    public Attachments(JdbcClient jdbc, AttachmentKeys keys, Clock clock, Path dir, long maxBytes, int maxCount) {
        this(jdbc, keys, clock, dir, maxBytes, maxCount, Long.MAX_VALUE);
    }

    /**
     * {@code maxUnclaimed}: the most ciphertext bytes a partner may have here in uploads that no
     * accepted message names yet (stored or in progress); past it an upload is refused with {@link OverQuota}.
     */
    public Attachments(JdbcClient jdbc, AttachmentKeys keys, Clock clock, Path dir, long maxBytes, int maxCount, long maxUnclaimed) {
        if (maxBytes <= 0 || maxCount <= 0) throw new IllegalArgumentException("besa.exchange.max-attachment-bytes and max-attachments must be positive");
        if (maxUnclaimed < Math.multiplyExact((long) maxCount, maxBytes)) {
            throw new IllegalArgumentException("besa.exchange.max-unclaimed-bytes-per-partner (" + maxUnclaimed + ") is below the files of the largest message"
                    + " (max-attachments x max-attachment-bytes = " + maxCount + " x " + maxBytes + "): such a message could never be received");
        }
        this.maxUnclaimed = maxUnclaimed;
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.out = dir.resolve("out");
        this.in = dir.resolve("in");
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
        try {
            Files.createDirectories(out);
            Files.createDirectories(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the attachment folders under " + dir, e);
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxCount() {
        return maxCount;
    }

    public long maxUnclaimedBytes() {
        return maxUnclaimed;
    }

    /** Ciphertext bytes of {@code partner}'s uploads that no accepted message names (yet). */
    public long unclaimedBytes(String partner) {
        return jdbc.sql("select coalesce(sum(cipher_size), 0) from exchange_attachment_in where partner_id = ? and message_id is null")
                .param(partner).query(Long.class).single();
    }

    /** The largest ciphertext a partner may upload: that of the largest plaintext we accept. */
    public long maxCipherBytes() {
        return ChunkedCipher.cipherLength(maxBytes);
    }

    // ---------------------------------------------------------------- sending side

    /**
     * Streams {@code content} to disk encrypted under a fresh key; refused (413, nothing kept) past
     * {@link #maxBytes()}. The name is sanitised and the media type reduced to {@code type/subtype}.
     */
    public Upload upload(String actor, String name, String mediaType, InputStream content) {
        UUID id = UUID.randomUUID();
        byte[] key = ChunkedCipher.newKey();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(out, ".upload-", ".tmp");
            MessageDigest plainSha = sha256();
            MessageDigest cipherSha = sha256();
            long size;
            try (var limited = new Limited(new DigestInputStream(content, plainSha), maxBytes);
                 OutputStream enc = ChunkedCipher.encrypt(
                         new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), cipherSha), key, id)) {
                limited.transferTo(enc);
                size = limited.count;
            }
            long cipherSize = Files.size(tmp);
            Files.move(tmp, outFile(id), StandardCopyOption.ATOMIC_MOVE);
            var a = new SharedAttachment(id, FileNames.sanitise(name), FileNames.mediaType(mediaType), size, hex(plainSha), hex(cipherSha), null);
            try {
                jdbc.sql("""
                        insert into exchange_attachment (id, name, media_type, size, sha256, cipher_size, cipher_sha256, key, key_version, uploaded_by, uploaded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, a.name(), a.mediaType(), size, a.sha256(), cipherSize, a.cipherSha256(),
                                keys.seal(AttachmentKeys.outContext(id), key), keys.version(), actor, Timestamp.from(clock.instant()))
                        .update();
            } catch (RuntimeException e) {
                deleteQuietly(outFile(id)); // no row, no file: the purge would never find it
                throw e;
            }
            return new Upload(a, actor, null, null);
        } catch (TooLarge e) {
            throw new AttachmentRefused(413, "file", "'" + FileNames.sanitise(name) + "' is larger than the limit of " + maxBytes + " bytes");
        } catch (IOException e) {
            deleteQuietly(outFile(id));
            throw new UncheckedIOException("could not store the attachment: " + e.getMessage(), e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    public Optional<Upload> find(UUID id) {
        return jdbc.sql("select id, name, media_type, size, sha256, cipher_sha256, uploaded_by, draft_id, message_id from exchange_attachment where id = ?")
                .param(id)
                .query((rs, n) -> new Upload(new SharedAttachment(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), null), rs.getString(7), rs.getObject(8, UUID.class), rs.getObject(9, UUID.class)))
                .optional();
    }

    /** The attachments with these ids, in this order (no keys); refused if one is unknown or there are too many. */
    public List<Upload> describe(List<UUID> ids) {
        if (ids.size() > maxCount) throw new AttachmentRefused(413, "attachments", "at most " + maxCount + " attachments per message, not " + ids.size());
        List<Upload> found = new ArrayList<>();
        for (UUID id : ids) found.add(find(id).orElseThrow(() -> new AttachmentRefused(400, "attachments", "no uploaded attachment " + id)));
        return found;
    }

    /** The payload with each attachment's key filled in: what is sealed for the partner. */
    public Payload withKeys(Payload p) {
        if (p.attachments().isEmpty()) return p;
        List<SharedAttachment> keyed = new ArrayList<>();
        for (SharedAttachment a : p.attachments()) {
            byte[] key = ourKey(a.id(), a.cipherSha256())
                    .orElseThrow(() -> new AttachmentRefused(409, "attachments", "attachment " + a.id() + " is gone or was changed"));
            keyed.add(a.withKey(Base64.getUrlEncoder().withoutPadding().encodeToString(key)));
            java.util.Arrays.fill(key, (byte) 0);
        }
        return new Payload(p.note(), p.entities(), keyed);
    }

    /** Binds the actor's free uploads to a draft; refused if one is someone else's or already used. */
    public void bindDraft(UUID draft, List<UUID> ids, String actor) {
        for (UUID id : ids) {
            int n = jdbc.sql("update exchange_attachment set draft_id = ? where id = ? and draft_id is null and message_id is null and uploaded_by = ?")
                    .params(draft, id, actor).update();
            if (n == 0) throw new AttachmentRefused(409, "attachments", "attachment " + id + " is not a free upload of yours (used already, or uploaded by someone else)");
        }
    }

    /** Records which message carries the attachments (in the transaction that queues it). */
    public void bindMessage(UUID message, List<SharedAttachment> attachments) {
        for (SharedAttachment a : attachments) {
            jdbc.sql("update exchange_attachment set message_id = ? where id = ?").params(message, a.id()).update();
        }
    }

    /** Checks what a message to send names before it is sealed: count, size, and that each file is here unchanged. */
    public Optional<String> problem(Payload p) {
        if (p.attachments().size() > maxCount) return Optional.of("more than " + maxCount + " attachments");
        for (SharedAttachment a : p.attachments()) {
            if (a.size() > maxBytes) return Optional.of("attachment " + a.id() + " is larger than " + maxBytes + " bytes");
            boolean here = jdbc.sql("select exists (select 1 from exchange_attachment where id = ? and cipher_sha256 = ?)")
                    .params(a.id(), a.cipherSha256()).query(Boolean.class).single();
            if (!here || !Files.isRegularFile(outFile(a.id()))) return Optional.of("attachment " + a.id() + " is not stored on this node");
        }
        return Optional.empty();
    }

    /** The ciphertext file the outbox sends for {@code id}. */
    public Path outFile(UUID id) {
        return out.resolve(id + ".bin");
    }

    /** The plaintext of one of our uploads, decrypted as it is read. */
    public InputStream openOut(UUID id) throws IOException {
        byte[] key = ourKey(id, null).orElseThrow(() -> new AttachmentRefused(404, null, "no attachment " + id));
        return decrypting(outFile(id), key, id);
    }

    /** The key of one of our files, opened from its sealed form ({@code cipherSha256} null: any content). */
    private Optional<byte[]> ourKey(UUID id, String cipherSha256) {
        return jdbc.sql("select key, key_version, cipher_sha256 from exchange_attachment where id = ?").param(id)
                .query((rs, n) -> new Object[] {rs.getBytes(1), rs.getObject(2), rs.getString(3)}).optional()
                .filter(r -> cipherSha256 == null || cipherSha256.equals(r[2]))
                // key_version null: written in the clear before V163 and not yet sealed by sealPlainKeys (which runs at start-up)
                .map(r -> r[1] == null ? (byte[]) r[0] : keys.open(AttachmentKeys.outContext(id), (byte[]) r[0]));
    }

    /**
     * A received attachment passed on to another partner: decrypted and encrypted again under a new
     * id and key (a fresh file, so the recipient learns nothing about the originator's key or id).
     * Whether it may go is the caller's decision (Forwarding); the copy remembers where it came from.
     */
    public Upload copyReceived(String actor, String partner, UUID message, SharedAttachment a) throws IOException {
        Upload u;
        try (InputStream plain = openIn(partner, a)) {
            u = upload(actor, a.name(), a.mediaType(), plain);
        }
        jdbc.sql("update exchange_attachment set from_partner = ?, from_message = ? where id = ?").params(partner, message, u.attachment().id()).update();
        return u;
    }

    /** Where a forwarded upload came from (partner, message), if it is one. */
    public Optional<String[]> origin(UUID id) {
        return jdbc.sql("select from_partner, from_message::text from exchange_attachment where id = ? and from_partner is not null").param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
    }

    // ---------------------------------------------------------------- receiving side

    /**
     * Streams a partner's upload of attachment {@code id} to disk. Kept only if complete and its
     * SHA-256 is {@code expectedSha256}; the same content again is harmless ({@link Received#ALREADY_STORED}).
     * Past {@link #maxCipherBytes()} it is refused with {@link TooLarge} before anything is kept.
     */
    public Received receive(String partner, UUID id, String expectedSha256, InputStream body) throws IOException, TooLarge, WrongHash {
        return receive(partner, id, expectedSha256, -1, body);
    }

    /**
     * As above, with the length the partner declared ({@code -1} unknown). The upload counts against
     * the partner's quota of unclaimed bytes from the start (the declared length, else the largest
     * allowed): refused with {@link OverQuota} before a byte is stored if it would pass it, so
     * parallel uploads cannot overshoot it either. The same file again is never refused for quota.
     */
    public Received receive(String partner, UUID id, String expectedSha256, long declared, InputStream body) throws IOException, TooLarge, WrongHash {
        Path dir = partnerDir(partner);
        long reserved = holds(partner, id, expectedSha256) ? 0 : reserve(partner, declared >= 0 ? declared : maxCipherBytes());
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".upload-", ".tmp");
            MessageDigest sha = sha256();
            long size;
            try (var limited = new Limited(new DigestInputStream(body, sha), declared >= 0 ? Math.min(declared, maxCipherBytes()) : maxCipherBytes());
                 OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                limited.transferTo(o);
                size = limited.count;
            }
            String got = hex(sha);
            if (!got.equals(expectedSha256)) throw new WrongHash("attachment " + id + " has SHA-256 " + got + ", announced " + expectedSha256);
            Path target = inFile(partner, id, got);
            if (Files.exists(target) && present(partner, id, got)) return Received.ALREADY_STORED;
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            int n;
            try {
                n = jdbc.sql("""
                        insert into exchange_attachment_in (partner_id, id, cipher_sha256, cipher_size, received_at) values (?, ?, ?, ?, ?)
                        on conflict do nothing""").params(partner, id, got, size, Timestamp.from(clock.instant())).update();
            } catch (RuntimeException e) {
                deleteQuietly(target); // no row, no file: the purge would never find it (a later upload brings both)
                throw e;
            }
            return n == 1 ? Received.STORED : Received.ALREADY_STORED;
        } finally {
            if (tmp != null) deleteQuietly(tmp);
            release(partner, reserved);
        }
    }

    private synchronized long reserve(String partner, long bytes) throws OverQuota {
        long used = unclaimedBytes(partner) + inFlight.getOrDefault(partner, 0L);
        if (used + bytes > maxUnclaimed) {
            throw new OverQuota(partner + " has " + used + " bytes in uploads no accepted message names yet; " + bytes
                    + " more would pass the limit of " + maxUnclaimed);
        }
        inFlight.merge(partner, bytes, Long::sum);
        return bytes;
    }

    private synchronized void release(String partner, long bytes) {
        if (bytes > 0) inFlight.merge(partner, -bytes, (a, b) -> a + b == 0 ? null : a + b);
    }

    /** The attachments a message names that are not (yet) here with that ciphertext hash. */
    public List<UUID> missing(String partner, List<SharedAttachment> attachments) {
        List<UUID> missing = new ArrayList<>();
        for (SharedAttachment a : attachments) {
            if (!holds(partner, a.id(), a.cipherSha256())) missing.add(a.id());
        }
        return missing;
    }

    /** Whether {@code partner}'s upload of {@code id} with ciphertext hash {@code sha256} is here, whole. */
    public boolean holds(String partner, UUID id, String sha256) {
        return present(partner, id, sha256) && Files.isRegularFile(inFile(partner, id, sha256));
    }

    /**
     * Decrypts a received attachment once, to its end, and checks every chunk, its size and its
     * plaintext SHA-256 against what the signed message says: the message is accepted only if this
     * holds, so what is downloaded later is what the partner signed for.
     */
    public Optional<String> verify(String partner, SharedAttachment a) {
        MessageDigest sha = sha256();
        long size;
        try (InputStream plain = new DigestInputStream(openIn(partner, a), sha)) {
            size = plain.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("attachment " + a.id() + " does not decrypt: " + e.getMessage());
        }
        if (size != a.size()) return Optional.of("attachment " + a.id() + " has " + size + " bytes, the message says " + a.size());
        if (!hex(sha).equals(a.sha256())) return Optional.of("attachment " + a.id() + ": plaintext SHA-256 differs from the message's");
        return Optional.empty();
    }

    /**
     * Marks the uploads a stored message names as its own and keeps each file's key, sealed, in its
     * row (in the inbox transaction): the inbox stores the message without the keys.
     */
    public void bindReceived(String partner, UUID message, List<SharedAttachment> attachments) {
        for (SharedAttachment a : attachments) {
            byte[] key = Base64.getUrlDecoder().decode(a.key());
            jdbc.sql("update exchange_attachment_in set message_id = ?, key = ?, key_version = ? where partner_id = ? and id = ? and cipher_sha256 = ?")
                    .params(message, keys.seal(AttachmentKeys.inContext(partner, a.id(), a.cipherSha256()), key), keys.version(),
                            partner, a.id(), a.cipherSha256()).update();
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The plaintext of a received attachment: decrypted with the key the description carries (a
     * message just opened, not stored yet), else with the key sealed in the file's row.
     */
    public InputStream openIn(String partner, SharedAttachment a) throws IOException {
        byte[] key;
        if (a.key() != null) {
            key = Base64.getUrlDecoder().decode(a.key());
        } else {
            key = jdbc.sql("select key from exchange_attachment_in where partner_id = ? and id = ? and cipher_sha256 = ? and key is not null")
                    .params(partner, a.id(), a.cipherSha256()).query(byte[].class).optional()
                    .map(sealed -> keys.open(AttachmentKeys.inContext(partner, a.id(), a.cipherSha256()), sealed))
                    .orElseThrow(() -> new IOException("attachment " + a.id() + " has no key on this node"));
        }
        return decrypting(inFile(partner, a.id(), a.cipherSha256()), key, a.id());
    }

    // ---------------------------------------------------------------- upgrade

    /**
     * Leaves no file key readable in the database, for rows written before V163: our files' keys
     * still in the clear are sealed in place; the keys inside stored received messages are sealed
     * into their files' rows and taken out of the inbox's copy; the outbox's copies of sent messages
     * lose theirs (the files' rows hold them). Runs at start-up; each step is safe to repeat, so a
     * crash half-way is finished by the next start. Returns how many keys it sealed.
     */
    public int sealPlainKeys() {
        int sealed = 0;
        var plain = jdbc.sql("select id, key from exchange_attachment where key_version is null")
                .query((rs, n) -> java.util.Map.entry(rs.getObject(1, UUID.class), rs.getBytes(2))).list();
        for (var row : plain) {
            sealed += jdbc.sql("update exchange_attachment set key = ?, key_version = ? where id = ? and key_version is null")
                    .params(keys.seal(AttachmentKeys.outContext(row.getKey()), row.getValue()), keys.version(), row.getKey()).update();
        }
        String keyed = "jsonb_path_exists(message, '$.payload.attachments[*].key')";
        var received = jdbc.sql("select message_id, partner_id, message::text from exchange_inbox where " + keyed)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (String[] row : received) {
            Message m = Envelopes.fromJson(row[2]);
            for (SharedAttachment a : m.payload().attachments()) {
                if (a.key() == null) continue;
                byte[] key = Base64.getUrlDecoder().decode(a.key());
                sealed += jdbc.sql("update exchange_attachment_in set key = ?, key_version = ? where partner_id = ? and id = ? and cipher_sha256 = ? and key is null")
                        .params(keys.seal(AttachmentKeys.inContext(row[1], a.id(), a.cipherSha256()), key), keys.version(), row[1], a.id(), a.cipherSha256())
                        .update();
            }
            jdbc.sql("update exchange_inbox set message = ?::jsonb where message_id = ?::uuid").params(Envelopes.toJson(m.withoutAttachmentKeys()), row[0]).update();
        }
        var sent = jdbc.sql("select message_id, message::text from exchange_outbox where " + keyed)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] row : sent) {
            jdbc.sql("update exchange_outbox set message = ?::jsonb where message_id = ?::uuid")
                    .params(Envelopes.toJson(Envelopes.fromJson(row[1]).withoutAttachmentKeys()), row[0]).update();
        }
        return sealed;
    }

    /** The file decrypted as it is read; the file is closed again if the key is refused (wrong length), so no handle leaks. */
    private static InputStream decrypting(Path file, byte[] key, UUID id) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return ChunkedCipher.decrypt(raw, key, id);
        } catch (RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private boolean present(String partner, UUID id, String sha) {
        return jdbc.sql("select exists (select 1 from exchange_attachment_in where partner_id = ? and id = ? and cipher_sha256 = ?)")
                .params(partner, id, sha).query(Boolean.class).single();
    }

    private Path partnerDir(String partner) throws IOException {
        if (!PARTNER.matcher(partner).matches()) throw new IOException("partner id not usable as a folder name: " + partner);
        return Files.createDirectories(in.resolve(partner));
    }

    private Path inFile(String partner, UUID id, String sha) {
        if (!PARTNER.matcher(partner).matches() || !sha.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("bad partner or hash");
        return in.resolve(partner).resolve(id + "-" + sha + ".bin");
    }

    // ---------------------------------------------------------------- retention

    /**
     * Deletes what no message will ever carry: our uploads that no draft took before {@code unusedBefore},
     * partners' uploads that no accepted message named before {@code unclaimedBefore} (a message can no
     * longer arrive after its validity), and temporary files a crash left. Returns how many files went.
     */
    public int purge(java.time.Instant unusedBefore, java.time.Instant unclaimedBefore) {
        int n = 0;
        for (UUID id : jdbc.sql("delete from exchange_attachment where draft_id is null and message_id is null and uploaded_at < ? returning id")
                .param(Timestamp.from(unusedBefore)).query(UUID.class).list()) {
            if (deleteQuietly(outFile(id))) n++;
        }
        for (String[] r : jdbc.sql("delete from exchange_attachment_in where message_id is null and received_at < ? returning partner_id, id::text, cipher_sha256")
                .param(Timestamp.from(unclaimedBefore)).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()) {
            if (deleteQuietly(inFile(r[0], UUID.fromString(r[1]), r[2]))) n++;
        }
        // out/.upload-*.tmp is at depth 2, in/<partner>/.upload-*.tmp at depth 3
        try (var files = Files.walk(out.getParent(), 3)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(unusedBefore) && deleteQuietly(p)) n++;
            }
        } catch (IOException e) {
            // the next run tries again
        }
        return n;
    }

    // ---------------------------------------------------------------- helpers

    /** More bytes than allowed. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    /** Storing the upload would pass the partner's quota of unclaimed bytes (retryable: it frees as messages arrive or uploads expire). */
    public static final class OverQuota extends IOException {
        OverQuota(String m) {
            super(m);
        }
    }

    /** The content is not what was announced. */
    public static final class WrongHash extends Exception {
        WrongHash(String m) {
            super(m);
        }
    }

    /** Counts what passes and fails past a limit, so an oversized stream is refused while it is read. */
    private static final class Limited extends FilterInputStream {
        final long limit;
        long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) add(n);
            return n;
        }

        private void add(int n) throws TooLarge {
            count += n;
            if (count > limit) throw new TooLarge(limit);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    private static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException ignored) {
            return false; // a leftover file is harmless; the purge tries again
        }
    }
}
