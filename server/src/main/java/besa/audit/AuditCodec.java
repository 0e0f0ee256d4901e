package besa.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The canonical bytes of an audit entry, the leaf data of the Merkle tree: a version tag, the
 * entry index (so a row moved to another index no longer matches), the time in epoch ms, then
 * every field as a length-prefixed UTF-8 string in a fixed order. Unambiguous and stable.
 */
public final class AuditCodec {
    private static final String VERSION = "besa-audit/1";

    private AuditCodec() {}

    public static byte[] encode(long index, Instant at, AuditEvent e) {
        var bytes = new ByteArrayOutputStream(128);
        try (var out = new DataOutputStream(bytes)) {
            string(out, VERSION);
            out.writeLong(index);
            out.writeLong(at.toEpochMilli());
            string(out, e.actor());
            string(out, e.action().name());
            string(out, e.target());
            string(out, e.justification());
            string(out, e.recipient());
            string(out, e.outcome().name());
            string(out, e.clientAddress());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** Decodes an entry; throws IllegalArgumentException naming what is wrong. */
    public static RecordedEvent decode(byte[] data) {
        try (var in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            String version = string(in);
            if (!VERSION.equals(version)) throw new IllegalArgumentException("unknown audit entry version '" + version + "'");
            long index = in.readLong();
            Instant at = Instant.ofEpochMilli(in.readLong());
            AuditEvent e = new AuditEvent(string(in), AuditAction.valueOf(string(in)), string(in), string(in), string(in),
                    AuditOutcome.valueOf(string(in)), string(in));
            if (in.available() != 0) throw new IllegalArgumentException("trailing bytes after the audit entry");
            return new RecordedEvent(index, at, e);
        } catch (IOException ex) {
            throw new IllegalArgumentException("truncated audit entry", ex);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("bad field length " + n);
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
