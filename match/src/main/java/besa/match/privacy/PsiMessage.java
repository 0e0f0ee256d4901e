package besa.match.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Wire form shared by the PSI messages: a version byte, then lists of compressed points (count, then 33 bytes each). */
final class PsiMessage {
    static final byte VERSION = 1;
    private static final int MAX_ELEMENTS = 50_000_000;

    private PsiMessage() {}

    static byte[] encode(byte kind, byte[][]... lists) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        out.write(kind);
        for (byte[][] list : lists) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(list.length).array());
            for (byte[] p : list) out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static List<byte[][]> decode(byte[] bytes, byte kind, int lists, String what) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.remaining() < 2 || in.get() != VERSION) throw new IllegalArgumentException(what + ": unknown version (expected " + VERSION + ")");
        if (in.get() != kind) throw new IllegalArgumentException(what + ": wrong message kind");
        List<byte[][]> out = new ArrayList<>();
        for (int l = 0; l < lists; l++) {
            if (in.remaining() < 4) throw new IllegalArgumentException(what + ": truncated at list " + l);
            int n = in.getInt();
            if (n < 0 || n > MAX_ELEMENTS || (long) n * Group.POINT_BYTES > in.remaining()) throw new IllegalArgumentException(what + ": list " + l + " claims " + n + " elements, the message holds fewer");
            byte[][] list = new byte[n][Group.POINT_BYTES];
            for (byte[] p : list) in.get(p);
            out.add(list);
        }
        if (in.hasRemaining()) throw new IllegalArgumentException(what + ": " + in.remaining() + " unexpected bytes at the end");
        return out;
    }
}
