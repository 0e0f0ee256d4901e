package besa.vetting.insider;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plain-words reason of an insider finding, in Albanian and English (stored with the factor). */
final class InsiderTexts {
    private InsiderTexts() {}

    /** {Albanian, English}. {@code what} names the entity looked up ("caption (id)"), empty for volume and hours. */
    static String[] summary(InsiderRule rule, String what, LocalDate day, int entries, int denied, String via, Map<String, Object> extra) {
        String refusedSq = denied > 0 ? " (" + denied + " herë iu refuzua)" : "";
        String refusedEn = denied > 0 ? " (" + denied + " refused)" : "";
        String times = entries + " herë";
        String timesEn = entries == 1 ? "once" : entries + " times";
        return switch (rule) {
            case CANARY -> extra.containsKey("search")
                    ? new String[] {"Më " + day + " kërkoi \"" + extra.get("search") + "\", kërkim që nxjerr regjistrimin karrem " + what
                            + ". Regjistrimet karrem nuk kanë asnjë arsye të ligjshme për t'u kërkuar.",
                            "On " + day + " searched for \"" + extra.get("search") + "\", a search that shows the decoy record " + what
                            + ". Decoy records have no legitimate reason to be looked up."}
                    : new String[] {"Më " + day + " hapi regjistrimin karrem " + what + " " + times + refusedSq
                            + ". Regjistrimet karrem nuk kanë asnjë arsye të ligjshme për t'u kërkuar.",
                            "On " + day + " opened the decoy record " + what + " " + timesEn + refusedEn
                            + ". Decoy records have no legitimate reason to be looked up."};
            case OWN_RECORD -> new String[] {
                    "Më " + day + " kërkoi " + what + ", regjistrim inteligjence që është vetë ai (përputhet me " + via + ")" + refusedSq + ".",
                    "On " + day + " looked up " + what + ", an intelligence record of himself (it matches " + via + ")" + refusedEn + "."};
            case FAMILY -> new String[] {
                    "Më " + day + " kërkoi " + what + ", i lidhur me lidhje familjare me regjistrimin e tij " + via + refusedSq + ".",
                    "On " + day + " looked up " + what + ", linked by a family relation to his own record " + via + refusedEn + "."};
            case SHARED_IDENTIFIER -> new String[] {
                    "Më " + day + " kërkoi " + what + ", që mban ose lidhet me telefonin, pajisjen ose adresën e tij " + via + refusedSq + ".",
                    "On " + day + " looked up " + what + ", which holds or is linked to his own phone, device or address " + via + refusedEn + "."};
            case OPERATION -> new String[] {
                    "Më " + day + " kërkoi " + what + ", objektiv i operacionit " + via + ", pa qenë anëtar i tij (" + times + refusedSq + ").",
                    "On " + day + " looked up " + what + ", a target of operation " + via + ", without being a member of it (" + timesEn + refusedEn + ")."};
            case VOLUME -> new String[] {
                    "Më " + day + " bëri " + extra.get("count") + " kërkime, ndërsa zakonisht bën " + extra.get("mean") + " ± " + extra.get("sigma")
                            + " në ditë (" + extra.get("historyDays") + " ditët e tij të mëparshme me kërkime; pragu " + extra.get("threshold") + ").",
                    "On " + day + " made " + extra.get("count") + " lookups, against his usual " + extra.get("mean") + " ± " + extra.get("sigma")
                            + " a day (his " + extra.get("historyDays") + " previous days with lookups; threshold " + extra.get("threshold") + ")."};
            case HOURS -> new String[] {
                    "Më " + day + " bëri kërkime në orët " + hours(extra.get("hours")) + ", orë në të cilat nuk ka punuar në ditët e mëparshme (zakonisht: "
                            + hours(extra.get("usualHours")) + ").",
                    "On " + day + " made lookups at " + hours(extra.get("hours")) + ", hours he has not worked in his previous days (usually: "
                            + hours(extra.get("usualHours")) + ")."};
        };
    }

    private static String hours(Object list) {
        if (!(list instanceof List<?> l) || l.isEmpty()) return "-";
        return l.stream().map(h -> String.format("%02d:00", (Integer) h)).collect(Collectors.joining(", "));
    }
}
