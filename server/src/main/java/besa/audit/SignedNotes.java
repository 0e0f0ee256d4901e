package besa.audit;

import java.util.LinkedHashSet;
import java.util.Set;

/** Small helpers on signed-note text: the text, a blank line, then one signature line each. */
final class SignedNotes {
    private SignedNotes() {}

    /** The note's text (up to and including its last newline before the blank line). */
    static String text(String note) {
        int blank = note.indexOf("\n\n");
        if (blank < 0) throw new IllegalArgumentException("not a signed note: no blank line before the signatures");
        return note.substring(0, blank + 1);
    }

    /** {@code note} with the signature lines of {@code other} (same text) that it lacks. */
    static String addSignatures(String note, String other) {
        if (!text(note).equals(text(other))) throw new IllegalArgumentException("the co-signed note has a different text");
        Set<String> lines = new LinkedHashSet<>(signatureLines(note));
        lines.addAll(signatureLines(other));
        return text(note) + "\n" + String.join("", lines.stream().map(l -> l + "\n").toList());
    }

    private static java.util.List<String> signatureLines(String note) {
        return note.substring(text(note).length() + 1).lines().filter(l -> !l.isEmpty()).toList();
    }
}
