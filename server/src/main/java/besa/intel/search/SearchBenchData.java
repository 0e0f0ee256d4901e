package besa.intel.search;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.match.normalize.Imeis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A large, deterministic dataset for the search benchmark: blocks of ten entities (five people
 * whose names partners render in Latin, Cyrillic, Greek, Italian and Turkish spellings, two phones,
 * a device, a vehicle, and a Uses relation), written through {@link IntelStore#save}. Block n is the
 * same on every machine, so an interrupted run resumes and the query set can be derived from it.
 */
public final class SearchBenchData {
    public static final String SOURCE = "bench-synthetic";
    static final int BLOCK = 10, BLOCKS_PER_SAVE = 500;

    static final String[] FIRST = {"Arben", "Ardian", "Agron", "Altin", "Arjan", "Artan", "Bashkim", "Besnik", "Blerim", "Dritan",
            "Edmond", "Elton", "Endrit", "Erion", "Fatmir", "Flamur", "Gazmend", "Genti", "Gjergj", "Gjon", "Ilir", "Klodian",
            "Kujtim", "Lulzim", "Marjan", "Mark", "Mentor", "Nikollë", "Orges", "Pjetër", "Përparim", "Qemal", "Rexhep", "Sokol",
            "Shpëtim", "Taulant", "Ylli", "Xhevdet", "Zef", "Valon", "Adelina", "Alketa", "Anila", "Blerina", "Besjana", "Drita",
            "Elira", "Entela", "Fjolla", "Flutura", "Gentiana", "Hana", "Jonida", "Klea", "Lindita", "Mimoza", "Rudina", "Shqipe",
            "Teuta", "Vjollca"};
    static final String[] LAST = {"Hoxha", "Shehu", "Çela", "Gjoka", "Leka", "Dervishi", "Krasniqi", "Berisha", "Kola", "Marku",
            "Prenga", "Lleshi", "Dedaj", "Gjonaj", "Ndreu", "Pjetri", "Rama", "Meta", "Basha", "Topalli", "Zeneli", "Muça",
            "Çeliku", "Xhafa", "Hysa", "Bajrami", "Kurti", "Gashi", "Hoti", "Frrokaj", "Dushku", "Kadriu", "Mehmeti", "Qosja",
            "Rexhepi", "Shala", "Tahiri", "Thaçi", "Veseli", "Ymeri", "Zhaku", "Brahimi", "Cani", "Dibra", "Elezi", "Fejzo",
            "Gjika", "Haxhiu", "Isufi", "Jakupi", "Kryeziu", "Lushi", "Malaj", "Nika", "Osmani", "Paloka", "Rrapaj", "Sinani",
            "Tafa", "Ukaj", "Vata", "Xhemali", "Zogaj", "Alimadhi", "Bardhi", "Dema", "Duka", "Gega", "Hasani", "Ibrahimi", "Jashari",
            "Kapllani", "Laci", "Mani", "Nuhiu", "Prifti", "Rustemi", "Selimi", "Toska", "Uka", "Vokshi", "Zaimi", "Ahmeti", "Bici",
            "Cekaj", "Doda", "Gjini", "Haklaj", "Kaçi", "Lika", "Mirdita", "Ndoja", "Pasha", "Rrushi", "Sula", "Tusha", "Vuksani",
            "Zenuni", "Shkëmbi"};

    private static final String[][] CYRILLIC = {{"xh", "џ"}, {"sh", "ш"}, {"zh", "ж"}, {"gj", "ѓ"}, {"dh", "д"}, {"th", "т"},
            {"nj", "њ"}, {"ll", "л"}, {"rr", "р"}, {"ç", "ч"}, {"q", "ќ"}, {"ë", "е"}, {"y", "и"}, {"j", "ј"}, {"c", "ц"},
            {"x", "ѕ"}, {"a", "а"}, {"b", "б"}, {"d", "д"}, {"e", "е"}, {"f", "ф"}, {"g", "г"}, {"h", "х"}, {"i", "и"},
            {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"},
            {"u", "у"}, {"v", "в"}, {"z", "з"}};
    private static final String[][] GREEK = {{"xh", "τζ"}, {"sh", "σ"}, {"zh", "ζ"}, {"gj", "γκι"}, {"dh", "δ"}, {"th", "θ"},
            {"nj", "νι"}, {"ll", "λ"}, {"rr", "ρ"}, {"ç", "τσ"}, {"q", "κ"}, {"ë", "ε"}, {"y", "ι"}, {"j", "ι"}, {"c", "τσ"},
            {"x", "τζ"}, {"a", "α"}, {"b", "μπ"}, {"d", "ντ"}, {"e", "ε"}, {"f", "φ"}, {"g", "γκ"}, {"h", "χ"}, {"i", "ι"},
            {"k", "κ"}, {"l", "λ"}, {"m", "μ"}, {"n", "ν"}, {"o", "ο"}, {"p", "π"}, {"r", "ρ"}, {"s", "σ"}, {"t", "τ"},
            {"u", "ου"}, {"v", "β"}, {"z", "ζ"}};
    private static final String[][] ITALIAN = {{"xh", "gi"}, {"sh", "sc"}, {"gj", "gi"}, {"ç", "c"}, {"ë", "e"}, {"q", "ch"}, {"y", "i"}};
    private static final String[][] TURKISH = {{"xh", "c"}, {"sh", "ş"}, {"ë", "e"}, {"q", "k"}, {"y", "ü"}, {"j", "y"}};

    /** Called now and then while generating: entities done, entities to do, entities per second. */
    public interface Progress {
        void report(long done, long total, double perSecond);
    }

    private final IntelStore store;
    private final JdbcClient jdbc;

    public SearchBenchData(IntelStore store, JdbcClient jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    /** Generates blocks until the database holds at least {@code target} entities; returns how many it holds. */
    public long ensure(long target, Progress progress) {
        long held = count("select count(*) from entity");
        if (held >= target) return held;
        store.saveSource(new Source(SOURCE, "Synthetic search benchmark data", "BESA", "benchmark (synthetic, no real persons)"));
        long block = blocksHeld();
        long todo = target - held, done = 0, start = System.nanoTime();
        Provenance p = new Provenance(SOURCE, null, "BESA", "benchmark", null, null, Grading.parse("C3"), Handling.H0, null);
        while (done < todo) {
            List<EntityRecord> batch = new ArrayList<>(BLOCKS_PER_SAVE * BLOCK);
            for (int i = 0; i < BLOCKS_PER_SAVE && done + batch.size() < todo; i++) batch.addAll(block(block++, p));
            store.save(batch);
            done += batch.size();
            progress.report(done, todo, done / ((System.nanoTime() - start) / 1e9));
        }
        jdbc.sql("vacuum analyze entity").update();
        jdbc.sql("vacuum analyze statement").update();
        jdbc.sql("vacuum analyze search_key").update();
        jdbc.sql("vacuum analyze name_term").update();
        return count("select count(*) from entity");
    }

    private long blocksHeld() {
        return count("select count(*) from entity where id like 'bench-v-%'");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /**
     * A fixed mixed query set over the generated blocks: names as partners render them (Latin, with
     * and without diacritics, surname first, Cyrillic, Greek, Italian, Turkish, a typo), phones in
     * national and international formats, IMEIs with and without the check digit, plates spaced.
     */
    public List<String> querySet(int n) {
        long blocks = Math.max(1, blocksHeld());
        Random r = new Random(20261123L);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long b = Math.floorMod(r.nextLong(), blocks);
            Random br = blockRandom(b);
            Person person = person(br);
            String national = phone(br).substring(4);
            String imei = imei(br), plate = plate(br);
            out.add(switch (i % 12) {
                case 0 -> person.first + " " + person.last;
                case 1 -> person.last.toUpperCase(Locale.ROOT) + " " + plain(person.first);
                case 2 -> render(person.first + " " + person.last, CYRILLIC);
                case 3 -> render(person.last, GREEK) + " " + render(person.first, GREEK);
                case 4 -> render(person.first + " " + person.last, ITALIAN);
                case 5 -> render(person.last + " " + person.first, TURKISH);
                case 6 -> person.first + " " + typo(person.last, br);
                case 7 -> "0" + national.substring(0, 2) + " " + national.substring(2, 5) + " " + national.substring(5);
                case 8 -> "+355 " + national;
                case 9 -> imei.substring(0, 14);
                case 10 -> imei.substring(0, 8) + "-" + imei.substring(8);
                default -> plate.substring(0, 2).toLowerCase(Locale.ROOT) + " " + plate.substring(2, 5) + " " + plate.substring(5);
            });
        }
        return out;
    }

    record Person(String first, String father, String last) {}

    private static Random blockRandom(long block) {
        return new Random(block * 0x9E3779B97F4A7C15L + 42);
    }

    /** Block n: the values come from one random stream in a fixed order, so querySet can re-derive them. */
    static List<EntityRecord> block(long n, Provenance p) {
        Random r = blockRandom(n);
        Person first = person(r);
        String phone = phone(r), imei = imei(r), plate = plate(r);
        List<EntityRecord> out = new ArrayList<>(BLOCK);
        String person0 = "bench-p-" + n + "-0", phone0 = "bench-ph-" + n + "-0";
        out.add(personRecord(person0, first, r, p));
        for (int k = 1; k < 5; k++) out.add(personRecord("bench-p-" + n + "-" + k, person(r), r, p));
        out.add(record(phone0, EntityType.Phone, p, "number", phone, phone));
        String phone1 = phone(r);
        out.add(record("bench-ph-" + n + "-1", EntityType.Phone, p, "number", phone1, phone1));
        out.add(record("bench-d-" + n, EntityType.Device, p, "imei", imei, imei));
        out.add(record("bench-v-" + n, EntityType.Vehicle, p, "plate", plate, plate));
        String uses = "bench-u-" + n;
        out.add(new EntityRecord(uses, EntityType.Uses, List.of(new Statement(uses, "subject", person0, person0, p),
                new Statement(uses, "object", phone0, phone0, p))));
        return out;
    }

    private static Person person(Random r) {
        return new Person(FIRST[r.nextInt(FIRST.length)], r.nextInt(10) < 3 ? FIRST[r.nextInt(40)] : null, LAST[r.nextInt(LAST.length)]);
    }

    /** How a partner writes the name: mostly Albanian, else another script or orthography, sometimes surname first. */
    private static EntityRecord personRecord(String id, Person person, Random r, Provenance p) {
        String full = person.father == null ? person.first + " " + person.last : person.first + " " + person.father + " " + person.last;
        int style = r.nextInt(20);
        String written = switch (style) {
            case 0, 1 -> render(full, CYRILLIC);
            case 2 -> render(full, GREEK);
            case 3, 4 -> render(full, ITALIAN);
            case 5, 6 -> render(full, TURKISH);
            case 7, 8 -> person.last.toUpperCase(Locale.ROOT) + " " + plain(person.first);
            case 9, 10 -> plain(full);
            default -> full;
        };
        return record(id, EntityType.Person, p, "name", written, written);
    }

    private static EntityRecord record(String id, EntityType type, Provenance p, String prop, String value, String original) {
        String clean = type.propertyType(prop).orElseThrow().clean(value);
        return new EntityRecord(id, type, List.of(new Statement(id, prop, clean, original, p)));
    }

    private static String phone(Random r) {
        return "+3556" + (7 + r.nextInt(3)) + digits(r, 7);
    }

    private static String imei(Random r) {
        return Imeis.withCheckDigit("35" + digits(r, 12));
    }

    private static String plate(Random r) {
        return "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + digits(r, 3) + (char) ('A' + r.nextInt(26))
                + (char) ('A' + r.nextInt(26));
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('0' + r.nextInt(10)));
        return b.toString();
    }

    /** Two neighbouring letters swapped, as a hurried typist does. */
    private static String typo(String name, Random r) {
        char[] c = name.toCharArray();
        if (c.length < 3) return name;
        int i = 1 + r.nextInt(c.length - 2);
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        return new String(c);
    }

    static String plain(String s) {
        return s.replace('ë', 'e').replace('Ë', 'E').replace('ç', 'c').replace('Ç', 'C');
    }

    /** Letter by letter into another orthography, keeping capitals on word starts. */
    static String render(String name, String[][] table) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split(" ")) {
            String w = word.toLowerCase(Locale.ROOT);
            StringBuilder b = new StringBuilder();
            int i = 0;
            outer:
            while (i < w.length()) {
                for (String[] m : table) {
                    if (w.startsWith(m[0], i)) {
                        b.append(m[1]);
                        i += m[0].length();
                        continue outer;
                    }
                }
                b.append(w.charAt(i++));
            }
            if (!out.isEmpty()) out.append(' ');
            if (!b.isEmpty()) out.append(Character.toUpperCase(b.charAt(0))).append(b, 1, b.length());
        }
        return out.toString();
    }
}
