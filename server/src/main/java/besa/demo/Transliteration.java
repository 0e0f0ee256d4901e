package besa.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites Albanian names the way a partner's records write them, from a small rule table under
 * {@code demo/translit/}. Rules match lower-case text, longest first; see the tables' headers.
 */
final class Transliteration {
    private static final Locale SQ = Locale.forLanguageTag("sq");

    private record Rule(String from, String to, String followedBy, boolean wordEnd) {}

    private final List<Rule> rules;

    private Transliteration(List<Rule> rules) {
        this.rules = rules;
    }

    static Transliteration load(String table) {
        List<Rule> rules = new ArrayList<>();
        for (String[] row : DemoData.rows("translit/" + table + ".txt")) {
            if (row.length != 2) throw new IllegalStateException("translit/" + table + ".txt: a rule needs two columns: " + String.join(" ", row));
            String from = row[0];
            String followedBy = null;
            boolean end = false;
            if (from.endsWith("]")) {
                int open = from.indexOf('[');
                followedBy = from.substring(open + 1, from.length() - 1);
                from = from.substring(0, open);
            } else if (from.endsWith("$")) {
                end = true;
                from = from.substring(0, from.length() - 1);
            }
            rules.add(new Rule(from, row[1], followedBy, end));
        }
        // Longest first; among equal lengths, rules with a condition before the plain one.
        rules.sort(Comparator.comparingInt((Rule r) -> -r.from.length())
                .thenComparing(r -> r.followedBy == null && !r.wordEnd));
        return new Transliteration(List.copyOf(rules));
    }

    /** The rendering, with each word capitalised as the original was. */
    String apply(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (String word : text.split(" ", -1)) {
            if (!out.isEmpty()) out.append(' ');
            out.append(word(word));
        }
        return out.toString();
    }

    private String word(String word) {
        String lower = word.toLowerCase(SQ);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lower.length()) {
            Rule hit = null;
            for (Rule r : rules) {
                if (!lower.startsWith(r.from, i)) continue;
                int next = i + r.from.length();
                if (r.wordEnd && next != lower.length()) continue;
                if (r.followedBy != null && (next >= lower.length() || r.followedBy.indexOf(lower.charAt(next)) < 0)) continue;
                hit = r;
                break;
            }
            if (hit == null) {
                out.append(lower.charAt(i++));
            } else {
                out.append(hit.to);
                i += hit.from.length();
            }
        }
        boolean allCaps = word.length() > 1 && word.equals(word.toUpperCase(SQ));
        if (allCaps) return out.toString().toUpperCase(Locale.ROOT);
        if (!word.isEmpty() && Character.isUpperCase(word.charAt(0)) && !out.isEmpty()) {
            return out.substring(0, 1).toUpperCase(Locale.ROOT) + out.substring(1);
        }
        return out.toString();
    }
}
