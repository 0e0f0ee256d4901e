package besa.match.field;

import besa.match.normalize.Names;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Names (full, given, surname, father's): compared token by token on sound keys, so script,
 * diacritics, orthography, word order, a missing middle name and the definite form do not count
 * as disagreement; typing errors are caught by Jaro–Winkler on the Latin spelling.
 */
final class NameField extends Field {
    static final int DIFFERENT = 0, SIMILAR = 1, CLOSE = 2, SUBSET = 3, VARIANT = 4, KEY = 5, EXACT = 6;
    private static final String[] LEVELS = {"different", "similar", "typo", "part of name", "same name in another language", "transliteration", "exact"};

    /** Prepared tokens of one name. */
    record Parts(String[] text, String[] key, String[] search) {}

    NameField(FieldType type) {
        super(type);
    }

    @Override
    public String[] levels() {
        return LEVELS;
    }

    /** Names repeat a lot (a few thousand surnames for a million people): prepared parts are shared. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object[]> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_MAX = 200_000;

    @Override
    protected Object[] prepareOne(String raw) {
        Object[] hit = cache.get(raw);
        if (hit != null) return hit;
        Object[] made = make(raw);
        if (made != null && cache.size() < CACHE_MAX) cache.put(raw, made);
        return made;
    }

    private Object[] make(String raw) {
        List<Names.Token> tokens = Names.keyedTokens(raw);
        if (tokens.isEmpty()) return null;
        int n = tokens.size();
        String[] text = new String[n], key = new String[n], search = new String[n];
        for (int i = 0; i < n; i++) {
            text[i] = tokens.get(i).text();
            key[i] = tokens.get(i).key();
            search[i] = tokens.get(i).searchKey();
        }
        // exact means the same letters once case and diacritics are gone; another script is a transliteration
        // (marked with '~' rather than folded by ICU, which is slow and lossy for Cyrillic and Greek)
        String[] sortedText = ascii(raw) ? text.clone() : latin(raw) ? Names.tokens(raw).toArray(String[]::new) : prefixed(text);
        String[] sortedKey = key.clone();
        Arrays.sort(sortedText);
        Arrays.sort(sortedKey);
        return new Object[] {String.join(" ", sortedText), String.join(" ", sortedKey), new Parts(text, key, search)};
    }

    private static boolean ascii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 128 || c == '\'') return false;
        }
        return true;
    }

    private static boolean latin(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 0x250 && !(c >= 0x300 && c <= 0x36f) && Character.isLetter(c)) return false;
        }
        return true;
    }

    private static String[] prefixed(String[] text) {
        String[] out = new String[text.length];
        for (int i = 0; i < text.length; i++) out[i] = "~" + text[i];
        return out;
    }

    @Override
    protected int compareOne(Value a, int i, Value b, int j) {
        if (a.norm[i].equals(b.norm[j])) return EXACT;
        if (a.alt[i].equals(b.alt[j])) return KEY;
        Parts p = (Parts) a.extra[i], q = (Parts) b.extra[j];
        if (p.key.length > q.key.length) {
            Parts t = p;
            p = q;
            q = t;
        }
        // every token of the shorter name against its best partner in the longer one
        boolean allKey = true, allVariant = true;
        double sim = 0;
        for (int x = 0; x < p.key.length; x++) {
            boolean key = false, variant = false;
            double best = 0;
            for (int y = 0; y < q.key.length && !key; y++) {
                if (p.key[x].equals(q.key[y])) key = true;
                else if (p.search[x].equals(q.search[y])) variant = true;
                else best = Math.max(best, Strings.jaroWinkler(p.text[x], q.text[y]));
            }
            allKey &= key;
            allVariant &= key || variant;
            sim += key ? 1.0 : variant ? Math.max(best, 0.95) : best;
        }
        if (allKey) return SUBSET; // equal key sets were caught above, so the shorter is a part
        if (allVariant) return p.key.length == q.key.length ? VARIANT : SUBSET;
        sim /= p.key.length;
        if (sim >= 0.92) return CLOSE;
        if (sim >= 0.80) return SIMILAR;
        return DIFFERENT;
    }

    @Override
    protected void atoms(Value v, int i, Consumer<String> out) {
        Parts p = (Parts) v.extra[i];
        for (int t = 0; t < p.search.length && t < 4; t++) out.accept(p.search[t]);
    }

    @Override
    public boolean tfApplies(int level) {
        return level >= KEY;
    }

    @Override
    public String tfToken(Value v) {
        return v.alt[0];
    }

    @Override
    public String symbol(int level) {
        return level == EXACT ? "=" : level == DIFFERENT ? "≠" : "≈";
    }
}
