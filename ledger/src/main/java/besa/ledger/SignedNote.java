package besa.ledger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A signed note in the c2sp.org/signed-note format: the text (ending in a newline), a blank
 * line, then one line per signature: em dash (U+2014), space, key name, space,
 * base64(4-byte key id || signature), newline. Parsing checks the format only; signatures are
 * checked by {@link CheckpointVerifier}.
 */
public record SignedNote(String text, List<Signature> signatures) {

    static final String SIGNATURE_PREFIX = "\u2014 ";

    /** One signature line. */
    public record Signature(String keyName, int keyId, byte[] signature) {
        public Signature {
            NoteVerifier.checkKeyName(keyName);
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        String line() {
            byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }

        /** The key id as 8 lower-case hex digits. */
        public String keyIdHex() {
            return String.format("%08x", keyId);
        }
    }

    public SignedNote {
        checkText(text);
        signatures = List.copyOf(signatures);
    }

    /** The whole note: text, blank line, signature lines. */
    public String encode() {
        StringBuilder out = new StringBuilder(text).append('\n');
        for (Signature signature : signatures) {
            out.append(signature.line());
        }
        return out.toString();
    }

    /** The same note with one more signature line. */
    public SignedNote withSignature(Signature signature) {
        List<Signature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedNote(text, all);
    }

    public static SignedNote parse(String note) throws InvalidCheckpointException {
        if (note == null || note.isEmpty()) {
            throw new InvalidCheckpointException("signed note is empty");
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f) {
                throw new InvalidCheckpointException("signed note contains control character 0x"
                        + Integer.toHexString(c) + " at offset " + i + "; only newlines are allowed");
            }
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new InvalidCheckpointException("signed note has no blank line between the text and the signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new InvalidCheckpointException("signed note has no signature lines after the blank line");
        }
        if (!block.endsWith("\n")) {
            throw new InvalidCheckpointException("signed note must end with a newline after the last signature");
        }
        int textLines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        List<Signature> signatures = new ArrayList<>();
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            signatures.add(parseSignatureLine(lines[i], textLines + 1 + i));
        }
        return new SignedNote(text, signatures);
    }

    private static Signature parseSignatureLine(String line, int lineNo) throws InvalidCheckpointException {
        String where = "signed note line " + lineNo;
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new InvalidCheckpointException(where + " is not a signature line (must start with an em dash and a space)");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new InvalidCheckpointException(where + " must be '\u2014 <key name> <base64 signature>'");
        }
        String name = rest.substring(0, space);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException(where + ": signature of '" + name + "' is not base64: " + e.getMessage());
        }
        if (blob.length < 5) {
            throw new InvalidCheckpointException(where + ": signature of '" + name + "' has " + blob.length
                    + " bytes; it needs a 4-byte key id and a signature");
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        int keyId = buffer.getInt();
        byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        try {
            return new Signature(name, keyId, signature);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException(where + ": " + e.getMessage());
        }
    }

    private static void checkText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must be non-empty and end with a newline");
        }
        if (text.endsWith("\n\n")) {
            throw new IllegalArgumentException("note text must not end with a blank line");
        }
    }
}
