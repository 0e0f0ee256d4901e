package besa.match.normalize;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Name folding: any script to Latin, diacritics removed, lower case, punctuation to spaces.
 * Folding is lossy across scripts ("Хоџа" folds to "hoda"); {@link #keys} sees through renderings:
 * Хоџа, Χότζα, Hoca, Hodja, Hoxa and Hoxha all have one key.
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

    /**
     * One sound key per name token, in order. Every rendering of an Albanian name that the engine
     * knows (script, diacritics, Italian/Turkish/English orthography, definite form) gets the same
     * key: keys("Hoxha") = keys("Хоџа") = keys("Χότζα") = keys("Hoca"). Index and query with it.
     */
    public static List<String> keys(String name) {
        return SoundKey.keys(name);
    }

    /**
     * Like {@link #keys}, but a token that is a known first name gets its cross-language group's key,
     * so "George", "Giorgio" and "Gjergj" share one key. Use this for search indexes over names whose
     * given name may be written in another language; use it on both the indexing and the query side.
     */
    public static List<String> searchKeys(String name) {
        List<String> out = new ArrayList<>();
        for (String k : SoundKey.keys(name)) {
            int g = GivenNames.get().group(k);
            out.add(g < 0 ? k : GivenNames.get().canonicalKey(g));
        }
        return out;
    }

    /**
     * Cross-language equivalents of a first name (folded), itself first: givenNameVariants("Gjergji")
     * contains "gjergj", "giorgio", "george", "georgios". A name not in the table gives just itself.
     */
    public static Set<String> givenNameVariants(String givenName) {
        Set<String> out = new LinkedHashSet<>();
        String folded = fold(givenName);
        if (folded.isEmpty()) return out;
        out.add(folded);
        List<String> keys = SoundKey.keys(givenName);
        if (keys.size() == 1) {
            int g = GivenNames.get().group(keys.get(0));
            if (g >= 0) out.addAll(GivenNames.get().members(g));
        }
        return out;
    }

    /** True when two first names are the same name in different languages (per the table). */
    public static boolean sameGivenName(String a, String b) {
        List<String> ka = SoundKey.keys(a), kb = SoundKey.keys(b);
        if (ka.size() != 1 || kb.size() != 1) return false;
        int ga = GivenNames.get().group(ka.get(0));
        return ga >= 0 && ga == GivenNames.get().group(kb.get(0));
    }
}
