package besa.match.synth;

/** How Serbian/Macedonian, Greek, Italian and Turkish writers render Albanian names (for test data and benchmarks). */
public final class Scripts {
    private Scripts() {}

    private static final String[][] CYRILLIC = {
        {"xh", "џ"}, {"gj", "ђ"}, {"sh", "ш"}, {"zh", "ж"}, {"nj", "њ"}, {"ll", "л"}, {"rr", "р"}, {"dh", "д"}, {"th", "т"},
        {"ç", "ч"}, {"q", "ћ"}, {"c", "ц"}, {"ë", "е"}, {"y", "и"},
        {"a", "а"}, {"b", "б"}, {"d", "д"}, {"e", "е"}, {"f", "ф"}, {"g", "г"}, {"h", "х"}, {"i", "и"}, {"j", "ј"},
        {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"},
        {"u", "у"}, {"v", "в"}, {"x", "ѕ"}, {"z", "з"},
    };
    private static final String[][] GREEK = {
        {"xh", "τζ"}, {"gj", "γκι"}, {"sh", "σ"}, {"zh", "ζ"}, {"nj", "νι"}, {"ll", "λ"}, {"rr", "ρ"}, {"dh", "δ"}, {"th", "θ"},
        {"ç", "τσ"}, {"q", "κ"}, {"c", "τσ"}, {"ë", "ε"}, {"y", "ι"}, {"b", "μπ"}, {"d", "ντ"},
        {"a", "α"}, {"e", "ε"}, {"f", "φ"}, {"g", "γκ"}, {"h", "χ"}, {"i", "ι"}, {"j", "ι"},
        {"k", "κ"}, {"l", "λ"}, {"m", "μ"}, {"n", "ν"}, {"o", "ο"}, {"p", "π"}, {"r", "ρ"}, {"s", "σ"}, {"t", "τ"},
        {"u", "ου"}, {"v", "β"}, {"x", "τζ"}, {"z", "ζ"},
    };
    private static final String[][] ITALIAN = {{"xh", "gi"}, {"sh", "sc"}, {"ç", "c"}, {"gj", "gi"}, {"q", "ch"}, {"ë", "e"}, {"y", "i"}, {"j", "i"}};
    private static final String[][] TURKISH = {{"xh", "c"}, {"sh", "ş"}, {"ç", "ç"}, {"q", "k"}, {"ë", "e"}, {"y", "ü"}, {"gj", "g"}};

    public static String cyrillic(String s) {
        return capital(map(s, CYRILLIC));
    }

    public static String greek(String s) {
        String g = map(s, GREEK);
        return capital(g.endsWith("σ") ? g.substring(0, g.length() - 1) + "ς" : g);
    }

    public static String italian(String s) {
        return capital(map(s, ITALIAN));
    }

    public static String turkish(String s) {
        return capital(map(s, TURKISH));
    }

    /** As an English-language record writes it: the Albanian letters ë and ç without their marks. */
    public static String english(String s) {
        return SyntheticPeople.stripDiacritics(s);
    }

    private static String map(String s, String[][] table) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder();
        int i = 0;
        outer:
        while (i < lower.length()) {
            for (String[] e : table) {
                if (lower.startsWith(e[0], i)) {
                    b.append(e[1]);
                    i += e[0].length();
                    continue outer;
                }
            }
            b.append(lower.charAt(i++));
        }
        return b.toString();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
