package besa.match.synth;

import besa.match.normalize.Imeis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic Albanian person records for tests, demos and benchmarks: common names
 * are common (Zipf), families share surname, father and town, and {@link #variant} writes a person
 * as another agency would (Cyrillic or Greek script, Italian or Turkish spelling, no diacritics,
 * definite form, typing errors, day/month swapped, other phone and IMEI formats).
 */
public final class SyntheticPeople {
    static final String[] MALE = ("Arben Ilir Gjergj Gjon Pjetër Agim Bashkim Besnik Dritan Edmond Fatmir Gazmend Genc Ardian "
            + "Artan Blerim Erion Ermal Flamur Kujtim Lulzim Mark Kolë Ndue Qemal Sokol Shkëlqim Xhevdet Çlirim Ylli Fatos "
            + "Alban Altin Andi Astrit Bujar Dashamir Elton Endrit Eduart Ervin Klodian Luan Mentor Petrit Rexhep Sali "
            + "Shpëtim Taulant Valon Vladimir Xhafer Zef Leka Dhimitër Mehmet Ibrahim Ismail Jusuf Hysen Ramiz Skënder").split(" ");
    static final String[] FEMALE = ("Drita Mimoza Lindita Elira Arta Blerina Mirela Valbona Teuta Jonida Klea Anila Besa Dafina "
            + "Entela Fatjona Gentiana Ilirjana Juliana Lule Manjola Nertila Olta Rozafa Suela Vjollca Xhensila Zamira Ana Maria "
            + "Elona Ermira Flora Hana Irena Katerina Luljeta Majlinda Nora Rita Sara Tefta Vera").split(" ");
    static final String[] SURNAMES = ("Hoxha Shehu Çela Gjoka Kola Leka Marku Prifti Dervishi Basha Berisha Krasniqi Gashi Hasani "
            + "Rama Meta Kelmendi Zeneli Ahmeti Bajrami Bytyqi Cani Dushku Elezi Fejzo Gjini Hysa Islami Jashari Kastrati "
            + "Lika Mema Nika Osmani Pepa Qosja Rexha Sula Tafa Ujka Vata Xhafa Ymeri Zefi Dibra Shkodra Tirana Vlora "
            + "Muça Laçi Boçi Koçi Troshani Gjergji Pjetri Doda Frroku Gjeka Marashi Malaj Hoti Shkreli Dushaj Gjonaj Lleshi "
            + "Mulla Halili Selimi Begu Agolli Balla Dedja Frashëri Gega Hajdari Kapllani Luli Mani Ndoja Paloka Qerimi Ruçi "
            + "Sinani Topalli Uka Veliu Xhemali Zyberi Alia Brahimi Cenaj Daci Ferra Gruda Hila Isufi Jaupi Koka Lamaj").split(" ");
    static final String[] CITIES = "Tiranë Durrës Vlorë Elbasan Shkodër Fier Korçë Berat Lushnjë Kavajë Pogradec Gjirokastër Sarandë Lezhë Kukës Krujë Kuçovë Burrel Peshkopi Tepelenë".split(" ");
    static final String SUFFIXES = "|aj|i";

    private final java.util.random.RandomGenerator rnd;

    public SyntheticPeople(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** People drawn from {@code random} (e.g. a SecureRandom, for made-up people that must not be predictable). */
    public SyntheticPeople(java.util.random.RandomGenerator random) {
        this.rnd = random;
    }

    /** A person: the truth from which renderings are made. */
    public record Person(String given, String father, String surname, int year, int month, int day, String phone, String imei, String city, String idNumber) {
        public String dob() {
            return String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
        }
    }

    /** A new person; when sibling is given, one with the same surname, father and town. */
    public Person person(Person sibling) {
        boolean male = rnd.nextBoolean();
        String given = zipf(male ? MALE : FEMALE);
        String surname = sibling != null ? sibling.surname() : surname();
        String father = sibling != null ? sibling.father() : zipf(MALE);
        String city = sibling != null ? sibling.city() : zipf(CITIES);
        int year = sibling != null ? sibling.year() + rnd.nextInt(-6, 7) : 1945 + rnd.nextInt(62);
        int month = 1 + rnd.nextInt(12), day = 1 + rnd.nextInt(28);
        String phone = "+3556" + (7 + rnd.nextInt(3)) + String.format(Locale.ROOT, "%07d", rnd.nextInt(10_000_000));
        String imei = Imeis.withCheckDigit(String.format(Locale.ROOT, "35%06d%06d", rnd.nextInt(1_000_000), rnd.nextInt(1_000_000)));
        String id = String.format(Locale.ROOT, "%c%08d%c", (char) ('A' + rnd.nextInt(26)), rnd.nextInt(100_000_000), (char) ('A' + rnd.nextInt(26)));
        return new Person(given, father, surname, year, month, day, phone, imei, city, id);
    }

    private String surname() {
        String base = zipf(SURNAMES);
        String[] suf = SUFFIXES.split("\\|", -1);
        String s = suf[rnd.nextInt(10) < 7 ? 0 : 1 + rnd.nextInt(suf.length - 1)];
        if (s.isEmpty() || base.endsWith("i") || base.endsWith("j")) return base;
        return base.replaceAll("[aeë]$", "") + s;
    }

    /** Zipf-like choice: the first entries are the most common. */
    private String zipf(String[] xs) {
        double u = rnd.nextDouble();
        int i = (int) (xs.length * Math.pow(u, 1.6));
        return xs[Math.min(i, xs.length - 1)];
    }

    /** The person as another agency might write them: each field altered with some probability. */
    public Person variant(Person p) {
        String given = name(p.given(), true), surname = name(p.surname(), false), father = name(p.father(), true);
        int y = p.year(), m = p.month(), d = p.day();
        if (chance(0.05) && d <= 12) {
            int t = m;
            m = d;
            d = t;
        } else if (chance(0.05)) {
            d = Math.max(1, Math.min(28, d + (rnd.nextBoolean() ? 1 : -1)));
        }
        if (chance(0.05)) y = 0; // unknown date
        String phone = chance(0.5) ? "0" + p.phone().substring(4, 6) + " " + p.phone().substring(6, 9) + " " + p.phone().substring(9) : p.phone();
        if (chance(0.15)) phone = "";
        String imei = p.imei();
        double r = rnd.nextDouble();
        if (r < 0.2) imei = imei.substring(0, 14);
        else if (r < 0.3) imei = imei.substring(0, 14) + ((imei.charAt(14) - '0' + 1) % 10);
        else if (r < 0.45) imei = imei.substring(0, 2) + "-" + imei.substring(2, 8) + "-" + imei.substring(8, 14) + "-" + imei.substring(14);
        if (chance(0.2)) imei = "";
        String city = chance(0.3) ? stripDiacritics(p.city()) : p.city();
        return new Person(given, father, surname, y, m, d, phone, imei, city, chance(0.5) ? p.idNumber() : "");
    }

    /**
     * Two lists for a linkage benchmark: {@code left} holds n people as written at home; {@code right}
     * variants of the first m of them and of n - m others (every fifth person generated is a sibling
     * of the one before). {@code rightWho.get(j)} is the index, among all people generated, of the
     * person right record j renders; left record i is person i.
     */
    public record Linkage(List<Person> left, List<Person> right, List<Integer> rightWho) {}

    public static Linkage linkage(int n, int m, long seed) {
        SyntheticPeople gen = new SyntheticPeople(seed);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 2 * n - m; i++) people.add(gen.person(i % 5 == 4 ? people.get(i - 1) : null));
        List<Person> right = new ArrayList<>();
        List<Integer> who = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int w = i < m ? i : n + (i - m);
            right.add(gen.variant(people.get(w)));
            who.add(w);
        }
        return new Linkage(List.copyOf(people.subList(0, n)), List.copyOf(right), List.copyOf(who));
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private String name(String n, boolean given) {
        double r = rnd.nextDouble();
        String out;
        if (r < 0.08) out = Scripts.cyrillic(n);
        else if (r < 0.12) out = Scripts.greek(n);
        else if (r < 0.22) out = Scripts.italian(n);
        else if (r < 0.27) out = Scripts.turkish(n);
        else if (r < 0.50) out = stripDiacritics(n);
        else out = n;
        if (given && chance(0.08) && !out.endsWith("i") && Character.isLetter(out.charAt(out.length() - 1)) && out.charAt(0) < 128) out = out + "i";
        if (chance(0.06)) out = typo(out);
        if (chance(0.15)) out = out.toUpperCase(Locale.ROOT);
        return out;
    }

    private String typo(String s) {
        if (s.length() < 4) return s;
        int i = 1 + rnd.nextInt(s.length() - 2);
        return switch (rnd.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1); // deletion
            case 1 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2); // transposition
            default -> s.substring(0, i) + s.charAt(i) + s.substring(i); // doubling
        };
    }

    static String stripDiacritics(String s) {
        return s.replace('ë', 'e').replace('Ë', 'E').replace('ç', 'c').replace('Ç', 'C');
    }
}
