package besa.match.field;

/** String similarity without allocation on the hot path. */
public final class Strings {
    private Strings() {}

    /** Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
    public static double jaroWinkler(String a, String b) {
        if (a.equals(b)) return 1.0;
        int la = a.length(), lb = b.length();
        if (la == 0 || lb == 0) return 0.0;
        if (la > 64 || lb > 64) return a.equals(b) ? 1 : jaroWinklerLong(a, b);
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        long matchedB = 0;
        long matchedA = 0;
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a.charAt(i);
            int lo = Math.max(0, i - window), hi = Math.min(lb - 1, i + window);
            for (int j = lo; j <= hi; j++) {
                if ((matchedB & (1L << j)) == 0 && b.charAt(j) == c) {
                    matchedB |= 1L << j;
                    matchedA |= 1L << i;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0.0;
        int transpositions = 0, j = 0;
        for (int i = 0; i < la; i++) {
            if ((matchedA & (1L << i)) == 0) continue;
            while ((matchedB & (1L << j)) == 0) j++;
            if (a.charAt(i) != b.charAt(j)) transpositions++;
            j++;
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    private static double jaroWinklerLong(String a, String b) {
        // Long texts: compare their first 64 characters; enough to tell near from far.
        return jaroWinkler(a.substring(0, Math.min(64, a.length())), b.substring(0, Math.min(64, b.length())));
    }

    /** True when a and b differ by at most one substitution, insertion, deletion or adjacent transposition. */
    public static boolean withinOneEdit(String a, String b) {
        int la = a.length(), lb = b.length();
        if (Math.abs(la - lb) > 1) return false;
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) i++;
        if (i == la && i == lb) return true;
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) return true; // substitution
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2); // transposition
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }
}
