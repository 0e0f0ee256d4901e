package besa.demo;

import java.util.Locale;

/** How a source writes an Albanian name: its orthography or script, optionally surname first. */
public enum NameStyle {
    ALBANIAN(null),
    ENGLISH("english"),
    ITALIAN("italian"),
    TURKISH("turkish"),
    GREEK("greek"),
    SERBIAN_CYRILLIC("serbian"),
    MACEDONIAN_CYRILLIC("macedonian");

    private final Transliteration table;

    NameStyle(String table) {
        this.table = table == null ? null : Transliteration.load(table);
    }

    public String render(String albanian) {
        return table == null ? albanian : table.apply(albanian);
    }

    /** A person's name as this style writes it; surname first means "HOXHA Arben", as registers often do. */
    Rendered render(PersonName n, boolean surnameFirst) {
        String first = render(n.first()), last = render(n.last()), father = render(n.father());
        String full = surnameFirst ? last.toUpperCase(Locale.ROOT) + " " + first : first + " " + last;
        return new Rendered(full, first, father, last);
    }

    record Rendered(String full, String first, String father, String last) {}
}
