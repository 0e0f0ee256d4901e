package besa.match.normalize;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Albanian-aware sound keys. Two steps: (1) any script to an Albanian-orthography Latin spelling
 * (Хоџа and Χότζα become "hoxha", ş becomes "sh", ć becomes "q"); (2) Albanian, Italian, Turkish and
 * English spellings of one sound fall into one class (xh/c/ç/dj/gi/x before a vowel are all "C",
 * sh/sc/ş are "S", q/k are "K"), h is dropped, non-initial e/ë are dropped (the unstable vowel),
 * i/y/j/ü are "I", doubled letters collapse, and the definite endings -i and -u are stripped.
 * Keys are coarse on purpose: they decide what is compared, not whether it matches.
 */
final class SoundKey {
    private SoundKey() {}

    /** One key per name token, in order; tokens that yield no key are left out. */
    static List<String> keys(String raw) {
        List<String> out = new ArrayList<>();
        for (String token : latinTokens(raw)) {
            String k = key(token);
            if (!k.isEmpty()) out.add(k);
        }
        return out;
    }

    /** Tokens in Albanian-orthography Latin (lower case; 'ç' kept as the only non-ASCII letter). */
    static List<String> latinTokens(String raw) {
        List<String> tokens = new ArrayList<>();
        if (raw == null || raw.isEmpty()) return tokens;
        boolean ascii = true;
        for (int i = 0; i < raw.length() && ascii; i++) ascii = raw.charAt(i) < 128;
        String s = (ascii ? raw : Normalizer.normalize(raw, Normalizer.Form.NFD)).toLowerCase(Locale.ROOT);
        StringBuilder cur = new StringBuilder();
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char mark = i + 1 < n && isMark(s.charAt(i + 1)) ? s.charAt(i + 1) : 0;
            if (isMark(c)) continue;
            if (c >= 'a' && c <= 'z') {
                if (mark == 0) cur.append(c);
                else cur.append(latin(c, mark));
            } else if (c >= '\u0370' && c <= '\u03ff') {
                i += greek(s, i, cur);
            } else if (c >= '\u0400' && c <= '\u04ff') {
                cur.append(cyrillic(c, mark));
            } else if (Character.isLetter(c)) {
                cur.append(other(c));
            } else if (Character.isDigit(c)) {
                cur.append(c);
            } else if (c == '\'' || c == '\u2019') {
                continue; // D'Angelo, O'Brien: the apostrophe joins
            } else if (!cur.isEmpty()) {
                tokens.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (!cur.isEmpty()) tokens.add(cur.toString());
        return tokens;
    }

    private static boolean isMark(char c) {
        return c >= '\u0300' && c <= '\u036f';
    }

    private static String latin(char c, char mark) {
        switch (mark) {
            case '\u0327': // cedilla
                if (c == 'c') return "ç";
                if (c == 's') return "sh";
                break;
            case '\u030c': // caron
                if (c == 'c') return "ç";
                if (c == 's') return "sh";
                if (c == 'z') return "zh";
                break;
            case '\u0301': // acute: Serbo-Croatian ć is Albanian q
                if (c == 'c') return "q";
                break;
            case '\u0306': // Turkish ğ is silent
                if (c == 'g') return "";
                break;
            case '\u0308':
                if (c == 'u') return "y"; // ü
                break;
            default:
                break;
        }
        return String.valueOf(c);
    }

    private static String other(char c) {
        return switch (c) {
            case '\u0131' -> "i"; // dotless ı
            case '\u0111' -> "gj"; // đ
            case '\u00df' -> "ss";
            case '\u00f8' -> "o";
            case '\u00e6' -> "ae";
            case '\u0142' -> "l";
            case '\u00e7' -> "ç";
            default -> "";
        };
    }

    private static String cyrillic(char c, char mark) {
        if (mark == '\u0301' && c == 'г') return "gj"; // ѓ
        if (mark == '\u0301' && c == 'к') return "q"; // ќ
        return switch (c) {
            case 'а' -> "a"; case 'б' -> "b"; case 'в' -> "v"; case 'г' -> "g"; case 'д' -> "d";
            case 'ђ' -> "gj"; case 'е', 'э', 'є' -> "e"; case 'ж' -> "zh"; case 'з' -> "z"; case 'ѕ' -> "x";
            case 'и', 'і', 'ї', 'ы' -> "i"; case 'ј', 'й' -> "j"; case 'к' -> "k"; case 'л' -> "l";
            case 'љ' -> "lj"; case 'м' -> "m"; case 'н' -> "n"; case 'њ' -> "nj"; case 'о' -> "o";
            case 'п' -> "p"; case 'р' -> "r"; case 'с' -> "s"; case 'т' -> "t"; case 'ћ' -> "q";
            case 'у' -> "u"; case 'ф' -> "f"; case 'х' -> "h"; case 'ц' -> "c"; case 'ч' -> "ç";
            case 'џ' -> "xh"; case 'ш' -> "sh"; case 'щ' -> "sht"; case 'ъ' -> "ë"; case 'ю' -> "ju";
            case 'я' -> "ja"; case 'ь' -> "";
            default -> "";
        };
    }

    /** Appends the Latin for the Greek letter at i; returns how many extra chars it consumed. */
    private static int greek(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        String pair = switch (c) {
            case 'τ' -> next == 'ζ' ? "xh" : next == 'σ' ? "c" : null;
            case 'μ' -> next == 'π' ? "b" : null;
            case 'ν' -> next == 'τ' ? "d" : null;
            case 'γ' -> next == 'κ' ? "g" : next == 'γ' ? "ng" : null;
            case 'ο' -> next == 'υ' ? "u" : next == 'ι' ? "i" : null;
            case 'α' -> next == 'ι' ? "e" : null;
            case 'ε' -> next == 'ι' ? "i" : null;
            default -> null;
        };
        if (pair != null) {
            out.append(pair);
            return 1;
        }
        out.append(switch (c) {
            case 'α' -> "a"; case 'β' -> "v"; case 'γ' -> "g"; case 'δ' -> "dh"; case 'ε' -> "e";
            case 'ζ' -> "z"; case 'η', 'ι', 'υ' -> "i"; case 'θ' -> "th"; case 'κ' -> "k"; case 'λ' -> "l";
            case 'μ' -> "m"; case 'ν' -> "n"; case 'ξ' -> "ks"; case 'ο', 'ω' -> "o"; case 'π' -> "p";
            case 'ρ' -> "r"; case 'σ', 'ς' -> "s"; case 'τ' -> "t"; case 'φ' -> "f"; case 'χ' -> "h";
            case 'ψ' -> "ps";
            default -> "";
        });
        return 0;
    }

    /** The sound key of one Albanian-orthography token. */
    static String key(String t) {
        StringBuilder k = new StringBuilder(t.length());
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            char c1 = i + 1 < n ? t.charAt(i + 1) : 0;
            char c2 = i + 2 < n ? t.charAt(i + 2) : 0;
            if ((c == 'd' && c1 == 'z' && c2 == 'h') || (c == 't' && c1 == 's' && c2 == 'h') || (c == 't' && c1 == 'c' && c2 == 'h')) {
                k.append('C'); i += 3;
            } else if (c == 's' && c1 == 'c' && c2 == 'h') {
                k.append('S'); i += 3;
            } else if (c == 's' && c1 == 'c' && (c2 == 'e' || c2 == 'i' || c2 == 'y')) {
                k.append('S'); i += 2; // Italian sce/sci
            } else if (c == 'g' && c1 == 'i' && (isVowel(c2) || i + 2 == n) && n > 2) {
                k.append('C'); i += 2; // Italian gia/gio/giu and final -gi
            } else if (c1 == 'h' && "xsztdpgc".indexOf(c) >= 0) {
                k.append(switch (c) {
                    case 'x' -> 'C'; case 's' -> 'S'; case 'z' -> 'Z'; case 't' -> 'T'; case 'd' -> 'D';
                    case 'p' -> 'F'; case 'g' -> 'G';
                    default -> c2 != 0 && !isVowel(c2) ? 'K' : 'C'; // ch: Christos vs Chela
                });
                i += 2;
            } else if ((c == 'g' || c == 'd') && c1 == 'j') {
                k.append('C'); i += 2;
            } else if ((c == 'd' || c == 't') && (c1 == 'z' || c1 == 's') && c == (c1 == 'z' ? 'd' : 't')) {
                k.append('C'); i += 2; // dz, ts
            } else if (c == 't' && c1 == 'z') {
                k.append('C'); i += 2;
            } else if ((c == 'n' || c == 'l') && c1 == 'j') {
                k.append(Character.toUpperCase(c)); i += 2;
            } else if (c == 'c' && c1 == 'k') {
                k.append('K'); i += 2;
            } else {
                switch (c) {
                    case 'c', 'ç' -> k.append('C');
                    case 'q', 'k' -> k.append('K');
                    case 'x' -> k.append(isVowel(c1) ? "C" : "KS");
                    case 'h' -> { }
                    case 'w' -> k.append('V');
                    case 'j', 'y', 'i' -> k.append('I');
                    case 'e', 'ë' -> { if (i == 0) k.append('E'); }
                    default -> k.append(Character.toUpperCase(c));
                }
                i++;
            }
        }
        collapse(k);
        int len = k.length();
        if (len >= 4 && k.charAt(len - 1) == 'I' && isConsonantKey(k.charAt(len - 2))) k.setLength(len - 1);
        else if (len >= 3 && k.charAt(len - 1) == 'U' && (k.charAt(len - 2) == 'K' || k.charAt(len - 2) == 'G')) k.setLength(len - 1);
        return k.toString();
    }

    private static void collapse(StringBuilder k) {
        int w = 0;
        for (int r = 0; r < k.length(); r++) {
            if (w == 0 || k.charAt(w - 1) != k.charAt(r)) k.setCharAt(w++, k.charAt(r));
        }
        k.setLength(w);
    }

    private static boolean isVowel(char c) {
        return "aeiouyë".indexOf(c) >= 0 && c != 0;
    }

    private static boolean isConsonantKey(char c) {
        return "AEIOU".indexOf(c) < 0 && !Character.isDigit(c);
    }
}
