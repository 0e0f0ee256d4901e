package besa.match.normalize;

import com.ibm.icu.text.Transliterator;
import java.util.Arrays;
import java.util.List;

/**
 * Name folding: any script to Latin, diacritics removed, lower case, punctuation to spaces.
 * "Хоџа", "Χότζα" and "Hoxha" do not all fold to one string here; phonetic keys that see through
 * renderings live with the matching engine's name fields.
 */
public final class Names {
    private static final ThreadLocal<Transliterator> FOLD = ThreadLocal.withInitial(() ->
            Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower"));

    private Names() {}

    /** Folded form: ASCII letters, digits and single spaces. */
    public static String fold(String raw) {
        if (raw == null) return "";
        String latin = FOLD.get().transliterate(raw);
        StringBuilder out = new StringBuilder(latin.length());
        boolean space = true;
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int n = out.length();
        if (n > 0 && out.charAt(n - 1) == ' ') out.setLength(n - 1);
        return out.toString();
    }

    /** Folded tokens of a name, in their original order. */
    public static List<String> tokens(String raw) {
        String f = fold(raw);
        return f.isEmpty() ? List.of() : Arrays.asList(f.split(" "));
    }
}
