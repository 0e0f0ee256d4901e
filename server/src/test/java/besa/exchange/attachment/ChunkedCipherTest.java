package besa.exchange.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The streaming construction: a round trip of every size class, and every kind of damage refused. */
class ChunkedCipherTest {
    static final int C = ChunkedCipher.CHUNK;
    static final int CT = C + ChunkedCipher.TAG;
    final UUID id = UUID.randomUUID();
    final byte[] key = ChunkedCipher.newKey();

    static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static byte[] encrypt(byte[] plain, byte[] key, UUID id) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (OutputStream out = ChunkedCipher.encrypt(bytes, key, id)) {
            // odd write sizes, so chunk boundaries fall inside writes
            for (int i = 0; i < plain.length; i += 1000) out.write(plain, i, Math.min(1000, plain.length - i));
        }
        return bytes.toByteArray();
    }

    static byte[] decrypt(byte[] cipher, byte[] key, UUID id) throws IOException {
        try (InputStream in = ChunkedCipher.decrypt(new ByteArrayInputStream(cipher), key, id)) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsEverySizeAndHasThePredictedLength() throws IOException {
        for (int n : new int[] {0, 1, C - 1, C, C + 1, 3 * C, 3 * C + 17}) {
            byte[] plain = data(n);
            byte[] cipher = encrypt(plain, key, id);
            assertThat(cipher.length).as("length for %d", n).isEqualTo(ChunkedCipher.cipherLength(n));
            assertThat(decrypt(cipher, key, id)).as("round trip of %d", n).isEqualTo(plain);
        }
        byte[] again = encrypt(data(100), ChunkedCipher.newKey(), id);
        assertThat(again).isNotEqualTo(encrypt(data(100), key, id)); // a fresh key, other ciphertext
    }

    @Test
    void aChangedByteFails() throws IOException {
        byte[] cipher = encrypt(data(3 * C), key, id);
        cipher[CT + 5] ^= 1; // inside the second chunk
        assertThatThrownBy(() -> decrypt(cipher, key, id)).isInstanceOf(IOException.class).hasMessageContaining("chunk 1");
    }

    @Test
    void aTruncatedStreamFailsAtAChunkBoundaryAndInsideAChunk() throws IOException {
        byte[] cipher = encrypt(data(3 * C + 10), key, id);
        byte[] atBoundary = Arrays.copyOf(cipher, 2 * CT); // two whole chunks, the final one missing
        assertThatThrownBy(() -> decrypt(atBoundary, key, id)).isInstanceOf(IOException.class);
        byte[] inside = Arrays.copyOf(cipher, 2 * CT + 100);
        assertThatThrownBy(() -> decrypt(inside, key, id)).isInstanceOf(IOException.class);
        byte[] empty = new byte[0];
        assertThatThrownBy(() -> decrypt(empty, key, id)).isInstanceOf(IOException.class);
    }

    @Test
    void reorderedOrAppendedChunksFail() throws IOException {
        byte[] cipher = encrypt(data(3 * C), key, id);
        byte[] swapped = cipher.clone();
        System.arraycopy(cipher, 0, swapped, CT, CT);
        System.arraycopy(cipher, CT, swapped, 0, CT);
        assertThatThrownBy(() -> decrypt(swapped, key, id)).isInstanceOf(IOException.class).hasMessageContaining("chunk 0");
        byte[] appended = Arrays.copyOf(cipher, cipher.length + CT);
        System.arraycopy(cipher, 0, appended, cipher.length, CT); // the first chunk again after the final one
        assertThatThrownBy(() -> decrypt(appended, key, id)).isInstanceOf(IOException.class);
    }

    @Test
    void aWrongKeyOrAnotherAttachmentsChunkFails() throws IOException {
        byte[] cipher = encrypt(data(2 * C), key, id);
        assertThatThrownBy(() -> decrypt(cipher, ChunkedCipher.newKey(), id)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decrypt(cipher, key, UUID.randomUUID())).isInstanceOf(IOException.class); // same key, other id
        // a chunk from another attachment under the same key (which never happens, but the AAD binds it anyway)
        UUID other = UUID.randomUUID();
        byte[] foreign = encrypt(data(2 * C), key, other);
        byte[] mixed = cipher.clone();
        System.arraycopy(foreign, 0, mixed, 0, CT);
        assertThatThrownBy(() -> decrypt(mixed, key, id)).isInstanceOf(IOException.class).hasMessageContaining("chunk 0");
    }

    @Test
    void namesAndMediaTypesAreCleaned() {
        assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitise("C:\\Users\\x\\raport 1.pdf")).isEqualTo("raport 1.pdf");
        assertThat(FileNames.sanitise("..")).isEqualTo("attachment");
        assertThat(FileNames.sanitise("a\u0000b\u202e.txt")).isEqualTo("a_b_.txt");
        assertThat(FileNames.sanitise(".hidden")).isEqualTo("hidden");
        assertThat(FileNames.sanitise("x".repeat(300) + ".docx")).hasSize(FileNames.MAX_NAME).endsWith(".docx");
        assertThat(FileNames.mediaType("Application/PDF; charset=x")).isEqualTo("application/pdf");
        assertThat(FileNames.mediaType("text/html<script>")).isEqualTo("application/octet-stream");
        assertThat(FileNames.mediaType(null)).isEqualTo("application/octet-stream");
    }
}
