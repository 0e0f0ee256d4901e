package besa.ledger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Shared line-based text encoding of proofs: a title line, two "name number" lines, one base64 hash per line. */
final class ProofText {

    private ProofText() {
    }

    static String encode(String title, String firstName, long first, String secondName, long second, List<byte[]> path) {
        StringBuilder text = new StringBuilder();
        text.append(title).append('\n');
        text.append(firstName).append(' ').append(first).append('\n');
        text.append(secondName).append(' ').append(second).append('\n');
        for (byte[] hash : path) {
            text.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return text.toString();
    }

    record Parsed(long first, long second, List<byte[]> path) {
    }

    static Parsed parse(String text, String title, String firstName, String secondName) throws InvalidProofException {
        if (text == null || !text.endsWith("\n")) {
            throw new InvalidProofException(title + ": text must end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(title)) {
            throw new InvalidProofException(title + ": line 1 must be '" + title + "'");
        }
        long first = number(lines[1], firstName, 2, title);
        long second = number(lines[2], secondName, 3, title);
        List<byte[]> path = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            path.add(hash(lines[i], i + 1, title));
        }
        return new Parsed(first, second, path);
    }

    private static long number(String line, String name, int lineNo, String title) throws InvalidProofException {
        String prefix = name + " ";
        if (!line.startsWith(prefix)) {
            throw new InvalidProofException(title + ": line " + lineNo + " must start with '" + prefix + "'");
        }
        try {
            return Checkpoint.parseSize(line.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException(title + ": line " + lineNo + ": " + e.getMessage());
        }
    }

    static byte[] hash(String line, int lineNo, String title) throws InvalidProofException {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException(title + ": line " + lineNo + " is not base64: " + e.getMessage());
        }
        if (hash.length != MerkleHashes.HASH_SIZE) {
            throw new InvalidProofException(title + ": line " + lineNo + " decodes to " + hash.length
                    + " bytes, not a " + MerkleHashes.HASH_SIZE + "-byte hash");
        }
        return hash;
    }

    static List<byte[]> copy(List<byte[]> path, String what) {
        if (path == null) {
            throw new IllegalArgumentException(what + " path is missing");
        }
        List<byte[]> copy = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            copy.add(MerkleHashes.requireHash(path.get(i), what + " hash #" + i).clone());
        }
        return List.copyOf(copy);
    }
}
