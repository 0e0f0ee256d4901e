package besa.ledger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A checkpoint: the log's origin, tree size and root hash, in the text format of
 * c2sp.org/tlog-checkpoint (the body of a signed note):
 * <pre>
 * besa.example/audit          origin: names the log, non-empty
 * 1234                        tree size, decimal, no sign or leading zeros
 * 3q3o...BA=                  root hash, standard base64 of 32 bytes
 * [extension lines]           optional, opaque, non-empty
 * </pre>
 * Every line ends with a newline.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        checkLine(origin, "origin");
        if (origin.isEmpty()) {
            throw new IllegalArgumentException("checkpoint origin is empty");
        }
        if (size < 0) {
            throw new IllegalArgumentException("checkpoint tree size " + size + " is negative");
        }
        rootHash = MerkleHashes.requireHash(rootHash, "checkpoint root hash").clone();
        extensions = List.copyOf(extensions);
        for (String extension : extensions) {
            checkLine(extension, "extension line");
            if (extension.isEmpty()) {
                throw new IllegalArgumentException("checkpoint extension lines must not be empty");
            }
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The checkpoint text, which is what gets signed. */
    public String body() {
        StringBuilder text = new StringBuilder();
        text.append(origin).append('\n');
        text.append(size).append('\n');
        text.append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        for (String extension : extensions) {
            text.append(extension).append('\n');
        }
        return text.toString();
    }

    /** Parses a checkpoint body (the signed text, without signatures). */
    public static Checkpoint parse(String body) throws InvalidCheckpointException {
        if (body == null || body.isEmpty()) {
            throw new InvalidCheckpointException("checkpoint is empty");
        }
        if (!body.endsWith("\n")) {
            throw new InvalidCheckpointException("checkpoint text must end with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new InvalidCheckpointException("checkpoint has " + lines.length
                    + " lines; it needs at least 3 (origin, tree size, root hash)");
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw new InvalidCheckpointException("checkpoint line 1 (origin) is empty");
        }
        long size;
        try {
            size = parseSize(lines[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException("checkpoint line 2 (tree size): " + e.getMessage());
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException("checkpoint line 3 (root hash) is not standard base64: " + e.getMessage());
        }
        if (root.length != MerkleHashes.HASH_SIZE) {
            throw new InvalidCheckpointException("checkpoint line 3 (root hash) decodes to " + root.length
                    + " bytes, not " + MerkleHashes.HASH_SIZE);
        }
        List<String> extensions = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                throw new InvalidCheckpointException("checkpoint line " + (i + 1) + " is empty; extension lines must not be");
            }
            extensions.add(lines[i]);
        }
        try {
            return new Checkpoint(origin, size, root, extensions);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException(e.getMessage());
        }
    }

    /** Parses a decimal tree size: digits only, no leading zeros, at most {@link Long#MAX_VALUE}. */
    static long parseSize(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal number");
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new IllegalArgumentException("'" + text + "' has a leading zero");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    private static void checkLine(String line, String what) {
        if (line == null) {
            throw new IllegalArgumentException("checkpoint " + what + " is missing");
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < 0x20 || line.charAt(i) == 0x7f) {
                throw new IllegalArgumentException("checkpoint " + what + " contains a control character at position " + i);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && origin.equals(c.origin) && size == c.size
                && java.util.Arrays.equals(rootHash, c.rootHash) && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size) * 17 + java.util.Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size " + size + ", root " + HexFormat.of().formatHex(rootHash) + "]";
    }
}
