package besa.exchange.attachment;

import besa.platform.SealingKeys;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seals the per-file AES keys of attachments at rest, with {@link SealingKeys} from their own file
 * ({@code <exchange key-dir>/attachments.key} by default, keyed apart from the other sealed secrets),
 * so a copy of the database alone opens no file. Each sealed key is bound to its row: our file by its
 * id ({@code out/<id>}), a partner's by partner, id and ciphertext hash ({@code in/<partner>/<id>/<sha>});
 * copied to another row it does not open. The sealing key's version is stored next to it, so after a
 * rotation (a new, higher version in the file) new rows are sealed with the new key and old rows
 * still open with theirs.
 */
public final class AttachmentKeys {
    static final String LABEL = "exchange attachment";

    private final SealingKeys keys;

    public AttachmentKeys(SealingKeys keys) {
        this.keys = keys;
    }

    /**
     * The key file, created on first start; if it is missing while sealed keys are in the database,
     * an error that names it (a new file would open nothing).
     */
    public static AttachmentKeys openOrCreate(JdbcClient jdbc, Path file) {
        return new AttachmentKeys(SealingKeys.openOrCreate(file, LABEL, "the keys that encrypt the exchange attachments' file keys in the database",
                () -> jdbc.sql("""
                        select (select count(*) from exchange_attachment where key_version is not null)
                             + (select count(*) from exchange_attachment_in where key_version is not null)""").query(Long.class).single(),
                "attachment keys", ""));
    }

    static String outContext(UUID id) {
        return "out/" + id;
    }

    static String inContext(String partner, UUID id, String cipherSha256) {
        return "in/" + partner + "/" + id + "/" + cipherSha256;
    }

    byte[] seal(String context, byte[] key) {
        return keys.seal(context, key);
    }

    /** The file key; {@link SealingKeys.Unreadable} if the row was altered, moved, or sealed with a key this file does not hold. */
    byte[] open(String context, byte[] sealed) {
        return keys.open(context, sealed);
    }

    /** The version new keys are sealed with (stored next to each sealed key). */
    int version() {
        return keys.current();
    }
}
