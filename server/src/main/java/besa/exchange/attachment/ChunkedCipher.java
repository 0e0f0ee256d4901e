package besa.exchange.attachment;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming authenticated encryption of one attachment: AES-256-GCM over 64 KiB chunks (the STREAM
 * construction), with a fresh random key per attachment, so a file never has to be held whole.
 *
 * <ul>
 *   <li>Chunk {@code i} is sealed with nonce = {@code i} (8 bytes, big-endian) ‖ 3 zero bytes ‖ final flag
 *       (1 byte: 1 on the last chunk, else 0), so a chunk decrypts only at its own position (no reordering)
 *       and the stream must end on a chunk sealed as final (no truncation at a chunk boundary, nothing
 *       appended after it). The key is never reused, so no nonce repeats under a key.</li>
 *   <li>Every chunk's additional data is {@code "besa-attachment-v1"} ‖ the attachment id (16 bytes), so a chunk
 *       of another attachment fails even under the same key.</li>
 *   <li>Each chunk is its ciphertext and 16-byte tag; every chunk but the last holds exactly {@link #CHUNK}
 *       plaintext bytes; the last holds 0..CHUNK (an empty file is one empty final chunk).</li>
 * </ul>
 * A changed, missing, reordered, swapped or truncated chunk, or a wrong key, makes reading fail with an
 * {@link IOException} at that chunk: callers must treat what they read so far as unverified.
 */
public final class ChunkedCipher {
    public static final int CHUNK = 64 * 1024;
    public static final int TAG = 16;
    public static final int KEY_BYTES = 32;
    private static final byte[] LABEL = "besa-attachment-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChunkedCipher() {}

    /** A fresh random AES-256 key. */
    public static byte[] newKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    /** The ciphertext length for {@code plain} bytes of plaintext. */
    public static long cipherLength(long plain) {
        long chunks = plain == 0 ? 1 : (plain + CHUNK - 1) / CHUNK;
        return plain + chunks * TAG;
    }

    /** An output stream that encrypts into {@code out}; closing it writes the final chunk and closes {@code out}. */
    public static OutputStream encrypt(OutputStream out, byte[] key, UUID id) {
        return new Encrypting(out, key, id);
    }

    /** An input stream of the plaintext of {@code in}; reading fails at the first chunk that does not verify. */
    public static InputStream decrypt(InputStream in, byte[] key, UUID id) {
        return new Decrypting(in, key, id);
    }

    static byte[] nonce(long index, boolean last) {
        return ByteBuffer.allocate(12).putLong(index).put(new byte[3]).put((byte) (last ? 1 : 0)).array();
    }

    static byte[] aad(UUID id) {
        return ByteBuffer.allocate(LABEL.length + 16).put(LABEL).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    /** One cipher object per stream, set up again for each chunk with that chunk's nonce and the attachment's additional data. */
    private static final class Chunks {
        private final Cipher cipher;
        private final SecretKeySpec key;
        private final byte[] aad;
        private final int mode;

        Chunks(int mode, byte[] key, UUID id) {
            if (key.length != KEY_BYTES) throw new IllegalArgumentException("attachment key must be " + KEY_BYTES + " bytes");
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM is not available", e);
            }
            this.key = new SecretKeySpec(key, "AES");
            this.aad = aad(id);
            this.mode = mode;
        }

        byte[] seal(byte[] in, int off, int len, long index, boolean last) throws GeneralSecurityException {
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce(index, last)));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len);
        }
    }

    private static final class Encrypting extends FilterOutputStream {
        private final Chunks chunks;
        private final byte[] buf = new byte[CHUNK];
        private int filled;
        private long index;
        private boolean closed;

        Encrypting(OutputStream out, byte[] key, UUID id) {
            super(out);
            this.chunks = new Chunks(Cipher.ENCRYPT_MODE, key, id);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) throw new IOException("attachment stream closed");
            while (len > 0) {
                // A full buffer is sealed as non-final only once more data arrives: the last chunk is only known at close.
                if (filled == CHUNK) seal(false);
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buf, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                out.write(chunks.seal(buf, 0, filled, index++, last));
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("attachment encryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                seal(true);
                out.flush();
            } finally {
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {
        private final PushbackInputStream in;
        private final Chunks chunks;
        private final UUID id;
        private final byte[] chunk = new byte[CHUNK + TAG];
        private byte[] plain = new byte[0];
        private int pos;
        private long index;
        private boolean done;

        Decrypting(InputStream in, byte[] key, UUID id) {
            this.in = new PushbackInputStream(in, 1);
            this.chunks = new Chunks(Cipher.DECRYPT_MODE, key, id);
            this.id = id;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (pos == plain.length) {
                if (done) return -1;
                next();
            }
            int n = Math.min(len, plain.length - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        private void next() throws IOException {
            int got = in.readNBytes(chunk, 0, chunk.length);
            if (got < TAG) {
                throw new EOFException("attachment " + id + " is truncated or malformed at chunk " + index + " (" + got + " bytes)");
            }
            boolean last;
            if (got < chunk.length) {
                last = true;
            } else {
                int peek = in.read();
                last = peek < 0;
                if (!last) in.unread(peek);
            }
            try {
                plain = chunks.seal(chunk, 0, got, index, last);
            } catch (GeneralSecurityException e) {
                throw new IOException("attachment " + id + " does not verify at chunk " + index
                        + (last ? " (last): truncated, tampered, or the wrong key" : ": tampered, reordered or the wrong key"), e);
            }
            index++;
            pos = 0;
            done = last;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
