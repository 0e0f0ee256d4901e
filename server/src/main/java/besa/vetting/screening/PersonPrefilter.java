package besa.vetting.screening;

import besa.match.normalize.Names;
import besa.match.normalize.PartialDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cheap test that lets most intelligence persons skip the matching engine: a person can only be an
 * officer (by {@link PersonDetector}'s rule: names that agree and a date of birth that agrees up to one
 * typing error or swapped day and month) if two words of his names sound like the officer's given name
 * and surname (in either order, any script; cross-language first names too) and two of the three parts
 * of the date are the same (a one-digit error spoils only one part; a swap keeps the year and the pair
 * of day and month). Partial dates compare by year. Exact keys in a hash set: microseconds per person
 * instead of the engine's hundreds. Known limit: a name misspelt beyond its sound key (Arbem for Arben)
 * is not looked at, where the engine alone might still have called it similar.
 */
final class PersonPrefilter {
    private final Set<String> keys = new HashSet<>();

    void addOfficer(String givenName, String surname, String birthDate) {
        PartialDate d = birthDate == null ? null : PartialDate.parse(birthDate).orElse(null);
        if (d == null) return;
        Set<String> given = nameKeys(List.of(givenName == null ? "" : givenName));
        Set<String> family = nameKeys(List.of(surname == null ? "" : surname));
        for (String g : given) {
            for (String f : family) {
                if (!g.equals(f)) keys.addAll(dateKeys(pair(g, f), d, true));
            }
        }
    }

    /** Whether the engine needs to see this person (names in any rendering, dates as written). */
    boolean mayMatch(Collection<String> names, Collection<String> dates) {
        List<PartialDate> ds = new ArrayList<>();
        for (String raw : dates) PartialDate.parse(raw).ifPresent(ds::add);
        if (ds.isEmpty()) return false;
        List<String> words = new ArrayList<>(nameKeys(names));
        for (int i = 0; i < words.size(); i++) {
            for (int j = i + 1; j < words.size(); j++) {
                String p = pair(words.get(i), words.get(j));
                for (PartialDate d : ds) {
                    for (String k : dateKeys(p, d, false)) if (keys.contains(k)) return true;
                }
            }
        }
        return false;
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    private static Set<String> nameKeys(Collection<String> names) {
        Set<String> out = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) continue;
            out.addAll(Names.keys(name));
            out.addAll(Names.searchKeys(name));
        }
        out.remove("");
        return out;
    }

    /** The officer side indexes every pair of date parts (and the year alone, for partial dates); a person asks for what his date has. */
    private static List<String> dateKeys(String name, PartialDate d, boolean officer) {
        List<String> k = new ArrayList<>();
        String y = Integer.toString(d.year());
        if (officer || d.month() == null || d.day() == null) k.add(name + "|y" + y);
        if (d.month() != null) k.add(name + "|ym" + y + "-" + d.month());
        if (d.month() != null && d.day() != null) {
            k.add(name + "|md" + d.month() + "-" + d.day());
            k.add(name + "|yd" + y + "-" + d.day());
            k.add(name + "|ys" + y + "-" + Math.min(d.month(), d.day()) + "-" + Math.max(d.month(), d.day()));
        }
        return k;
    }
}
