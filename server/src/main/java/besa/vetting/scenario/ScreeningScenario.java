package besa.vetting.scenario;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.Source;
import besa.match.normalize.Imeis;
import besa.match.synth.Scripts;
import besa.match.synth.SyntheticPeople;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.Officer.Declaration;
import besa.vetting.personnel.Officer.Duty;
import besa.vetting.personnel.Officer.Identifier;
import besa.vetting.personnel.Officer.IdentifierKind;
import besa.vetting.personnel.Officer.Origin;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Generates the screening benchmark: a personnel register of {@code officers} officers with duty
 * rosters and self-declarations, a partner's lead list, and about {@code entities} intelligence
 * entities of criminal groups, with some officers planted in that intelligence (and hard cases that
 * must not alert). {@link #truth()} says, per officer, which factor kinds a correct screening raises.
 *
 * <p>Deterministic: the same seed and sizes give the same officers, leads and records in the same
 * order. Intelligence streams to a consumer group by group, so a million entities never sit in memory.
 * Identifiers come from disjoint number ranges (officers' phones, IMEIs and plates are never reused by
 * the background), so every hit in the data is one that was planted.
 */
public final class ScreeningScenario {
    public static final long DEFAULT_SEED = 20_261_206L;
    /** The scenario's "today": fixed, so that output never depends on the clock. */
    public static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final ZoneId TIRANE = ZoneId.of("Europe/Tirane");
    static final String QUESTION = "A keni përdorur Sky ECC, EncroChat apo platforma të ngjashme? / Have you used Sky ECC, EncroChat or similar?";

    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** Whether the intelligence model's LocatedAt carries a time of day (added by the co-location work). */
    static final boolean LOCATED_AT_TIME = supportsTime();

    /** The intelligence sources of the scenario, with their handling codes. */
    public enum Sources {
        ASP("vs-asp-intel", "Policia e Shtetit: inteligjenca kriminale (të dhëna provë)", "ASP", "Ligji nr. 108/2014 \"Për Policinë e Shtetit\"",
                Handling.H1, "B2"),
        EUROPOL("vs-europol-crypto", "Europol: Sky ECC / EncroChat (test data)", "EUROPOL", "Regulation (EU) 2016/794", Handling.H2, "B2"),
        PARTNERS("vs-partners", "Partner police forces: exchanges (test data)", "PARTNERS", "Bilateral police cooperation agreements",
                Handling.H2, "B3");

        public final String id;
        final String title, originator, legalBasis;
        final Handling handling;
        final Grading grading;

        Sources(String id, String title, String originator, String legalBasis, Handling handling, String grading) {
            this.id = id;
            this.title = title;
            this.originator = originator;
            this.legalBasis = legalBasis;
            this.handling = handling;
            this.grading = Grading.parse(grading);
        }

        public Source source() {
            return new Source(id, title, originator, legalBasis);
        }
    }

    /** Albanian (and one Kosovar) towns with the coordinates of their centre. */
    static final Object[][] TOWNS = {
        {"Tiranë", 41.3275, 19.8187}, {"Durrës", 41.3246, 19.4565}, {"Vlorë", 40.4661, 19.4914}, {"Elbasan", 41.1125, 20.0822},
        {"Shkodër", 42.0683, 19.5126}, {"Fier", 40.7239, 19.5561}, {"Korçë", 40.6186, 20.7808}, {"Berat", 40.7058, 19.9522},
        {"Lushnjë", 40.9419, 19.7050}, {"Kavajë", 41.1856, 19.5569}, {"Pogradec", 40.9025, 20.6525}, {"Gjirokastër", 40.0758, 20.1389},
        {"Sarandë", 39.8756, 20.0053}, {"Lezhë", 41.7836, 19.6436}, {"Kukës", 42.0769, 20.4219}, {"Krujë", 41.5092, 19.7928},
        {"Kuçovë", 40.8003, 19.9144}, {"Burrel", 41.6103, 20.0089}, {"Peshkopi", 41.6850, 20.4289}, {"Tepelenë", 40.2958, 20.0192},
        {"Prishtinë", 42.6629, 21.1655}};
    private static final String[] OFFICER_STREETS = {"Rruga Myslym Shyri", "Rruga Sami Frashëri", "Rruga Qemal Stafa", "Rruga Çameria",
        "Rruga Naim Frashëri", "Rruga Pjetër Bogdani"};
    private static final String[] INTEL_STREETS = {"Rruga e Kavajës", "Rruga Durrësit", "Rruga Skënderbeu", "Rruga Ismail Qemali",
        "Rruga Dibrës", "Rruga Hoxha Tahsim", "Lagjja Kodra e Diellit", "Lagjja 1 Maji"};
    private static final String[] RANKS = {"Agjent", "Inspektor", "Kryeinspektor", "Nënkomisar", "Komisar"};
    private static final String[] ROLES = {"anëtar", "korrier", "shofer", "financier", "logjistikë në port"};
    private static final String[] MODELS = {"Samsung Galaxy A54", "Apple iPhone 13", "Xiaomi Redmi Note 12", "Huawei P30"};

    /** What one generation produced. */
    public record Summary(long entities, long statements, Map<EntityType, Long> byType) {}

    /** One officer planted in group {@code group} (or a hard case next to him). */
    private record Plant(int officer, Truth.Category category, int group, int ordinal) {}

    private final long seed;
    private final int officerCount;
    private final long entityTarget;
    private final List<Officer> officers = new ArrayList<>();
    private final List<String> homeTowns = new ArrayList<>();
    private final List<String> postTowns = new ArrayList<>();
    private final Map<String, Truth.Category> categories = new LinkedHashMap<>();
    private final List<ScenarioLead> leads = new ArrayList<>();
    private final Map<Integer, List<Plant>> plantsByGroup = new TreeMap<>();
    private final Map<Integer, String> plantedHandles = new LinkedHashMap<>();
    /** The entities of each plant: leads' accounts from the plan, the rest once generated. */
    private final Map<String, List<String>> planned = new LinkedHashMap<>();
    private final Map<String, List<String>> plantEntities = new LinkedHashMap<>();
    private int lastPlantGroup;

    // Generation state, reset by generate().
    private SplittableRandom rnd;
    private SyntheticPeople people;
    private Consumer<EntityRecord> sink;
    private long phones, kosovoPhones, imeis, plates, handles, recordKeys, statements;
    private final Map<EntityType, Long> byType = new EnumMap<>(EntityType.class);

    public ScreeningScenario(long seed, int officers, long entities) {
        if (officers < 40) throw new IllegalArgumentException("the screening scenario needs at least 40 officers, not " + officers);
        if (entities < 1_000) throw new IllegalArgumentException("the screening scenario needs at least 1,000 entities, not " + entities);
        this.seed = seed;
        this.officerCount = officers;
        this.entityTarget = entities;
        plan();
    }

    public long seed() {
        return seed;
    }

    public int officerCount() {
        return officerCount;
    }

    public long entityTarget() {
        return entityTarget;
    }

    /** The personnel register: every officer, with identifiers, duty roster and self-declaration. */
    public List<Officer> officers() {
        return Collections.unmodifiableList(officers);
    }

    /** Per officer (in register order), how he was planted and what screening should find. */
    public List<Truth> truth() {
        List<Truth> out = new ArrayList<>(categories.size());
        categories.forEach((id, c) -> {
            List<String> ents = new ArrayList<>(planned.getOrDefault(id, List.of()));
            ents.addAll(plantEntities.getOrDefault(id, List.of()));
            out.add(new Truth(id, c, c.expected(), ents));
        });
        return out;
    }

    /** The partner's lead list: cryptophone accounts linked to police, some naming nobody in the register. */
    public List<ScenarioLead> leads() {
        return Collections.unmodifiableList(leads);
    }

    public static List<Source> sources() {
        return java.util.Arrays.stream(Sources.values()).map(Sources::source).toList();
    }

    /** An officer left alone for the incremental run, with the phone number a new record will carry. */
    public record Reserved(String officerId, String phone) {}

    /** Officers left alone for the incremental run (each gets one new record then). */
    public List<Reserved> reserved() {
        return officers.stream().filter(o -> categories.get(o.id()) == Truth.Category.RESERVED)
                .map(o -> new Reserved(o.id(), o.identifiers(IdentifierKind.PHONE).getFirst().value())).toList();
    }

    // ---------------------------------------------------------------- plan: the register and the plants

    private void plan() {
        SyntheticPeople names = new SyntheticPeople(seed * 31 + 7);
        SplittableRandom r = new SplittableRandom(seed * 17 + officerCount);
        List<Object[]> drafts = new ArrayList<>();
        for (int i = 0; i < officerCount; i++) {
            SyntheticPeople.Person p = names.person(null);
            drafts.add(new Object[] {p});
            homeTowns.add(p.city());
            postTowns.add(r.nextInt(10) < 7 ? p.city() : (String) TOWNS[r.nextInt(TOWNS.length - 1)][0]);
        }
        // Categories: a share of the register per planted kind and per hard case, the rest clean.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < officerCount; i++) order.add(i);
        Collections.shuffle(order, new Random(r.nextLong()));
        int perKind = officerCount >= 600 ? officerCount / 100 : Math.max(2, officerCount / 50);
        int reserved = officerCount >= 600 ? Math.max(20, officerCount / 200) : Math.max(2, officerCount / 15);
        Truth.Category[] planted = {Truth.Category.SHARED_PHONE, Truth.Category.SHARED_IMEI, Truth.Category.SHARED_VEHICLE,
            Truth.Category.OWN_RECORD, Truth.Category.TWO_HOPS, Truth.Category.THREE_HOPS, Truth.Category.COLOCATED,
            Truth.Category.DENIED_CRYPTOPHONE, Truth.Category.NAMESAKE, Truth.Category.SIBLING, Truth.Category.SAME_TOWN,
            Truth.Category.DECLARED_CRYPTOPHONE};
        Truth.Category[] category = new Truth.Category[officerCount];
        java.util.Arrays.fill(category, Truth.Category.CLEAN);
        int next = 0;
        List<Plant> plants = new ArrayList<>();
        for (Truth.Category c : planted) {
            for (int k = 0; k < perKind; k++) {
                int o = order.get(next++);
                category[o] = c;
                plants.add(new Plant(o, c, 0, k));
            }
        }
        for (int k = 0; k < reserved; k++) category[order.get(next++)] = Truth.Category.RESERVED;
        // Plants spread evenly over the groups the target size will roughly hold.
        int groups = (int) Math.max(1, entityTarget / 110);
        for (int j = 0; j < plants.size(); j++) {
            Plant p = plants.get(j);
            int g = (int) ((long) j * groups / plants.size());
            plantsByGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(new Plant(p.officer(), p.category(), g, p.ordinal()));
            lastPlantGroup = Math.max(lastPlantGroup, g);
        }
        for (int i = 0; i < officerCount; i++) {
            officers.add(officer(i, (SyntheticPeople.Person) drafts.get(i)[0], category[i], r));
        }
        for (Plant p : plants) {
            if (p.category() == Truth.Category.DENIED_CRYPTOPHONE || p.category() == Truth.Category.DECLARED_CRYPTOPHONE) planLeads(p);
        }
        for (int k = 0; k < perKind; k++) planStrayLead(k);
        for (int i = 0; i < officerCount; i++) categories.put(officers.get(i).id(), category[i]);
    }

    private Officer officer(int i, SyntheticPeople.Person p, Truth.Category category, SplittableRandom r) {
        List<Identifier> ids = new ArrayList<>();
        String issued = officerPhone(i);
        ids.add(new Identifier(IdentifierKind.PHONE, issued, national(issued), Origin.ISSUED));
        if (i % 10 < 6) ids.add(new Identifier(IdentifierKind.PHONE, declaredPhone(i), national(declaredPhone(i)), Origin.DECLARED));
        ids.add(new Identifier(IdentifierKind.IMEI, officerImei(i), officerImei(i), Origin.ISSUED));
        if (i % 2 == 0 || category == Truth.Category.SHARED_VEHICLE) {
            ids.add(new Identifier(IdentifierKind.VEHICLE, officerPlate(i).replace(" ", ""), officerPlate(i), Origin.DECLARED));
        }
        String address = OFFICER_STREETS[r.nextInt(OFFICER_STREETS.length)] + " " + (1 + r.nextInt(120)) + ", Ap. " + (1 + r.nextInt(40)) + ", "
                + homeTowns.get(i);
        ids.add(new Identifier(IdentifierKind.ADDRESS, address, address, Origin.HR));
        String post = postTowns.get(i);
        String unit = "Drejtoria Vendore e Policisë " + post;
        double[] station = station(i);
        List<Duty> duties = new ArrayList<>();
        List<Integer> days = new ArrayList<>();
        for (int d = 1; d <= 30; d++) days.add(d);
        Collections.shuffle(days, new Random(r.nextLong()));
        for (int d : days.subList(0, 10).stream().sorted().toList()) {
            int hour = new int[] {6, 14, 22}[r.nextInt(3)];
            Instant start = TODAY.minusDays(d).atTime(hour, 0).atZone(TIRANE).toInstant();
            duties.add(new Duty(start, start.plusSeconds(8 * 3600), unit, "Komisariati " + (i % 3 + 1) + ", " + post, station[0], station[1]));
        }
        duties.sort(java.util.Comparator.comparing(Duty::startsAt));
        boolean yes = category == Truth.Category.DECLARED_CRYPTOPHONE;
        Declaration declaration = new Declaration(LocalDate.of(2026, 3, 16), QUESTION,
                yes ? "Po, 2019–2020, për komunikim me një burim (raportuar te eprori)" : "Jo", yes);
        String dob = p.dob();
        return new Officer(officerId(i), p.given(), p.father(), p.surname(), dob, unit, RANKS[r.nextInt(RANKS.length)], true, ids, duties,
                List.of(declaration));
    }

    /** HR personnel numbers: readable, and stable for a seed. */
    private String officerId(int i) {
        return String.format(Locale.ROOT, "ASP-%d-%05d", Math.floorMod(seed, 1000), i);
    }

    /**
     * Which block of the officers' number ranges this seed uses: scenarios of different seeds in one
     * database (the tests') then share no phone, IMEI or plate.
     */
    int slot() {
        return officerCount > SLOT_WIDTH ? 0 : (int) Math.floorMod(seed, 50L);
    }

    private static final int SLOT_WIDTH = 14_000;

    private int serial(int i) {
        return slot() * SLOT_WIDTH + i;
    }

    String officerPhone(int i) {
        return "+35568" + (2_000_000 + serial(i));
    }

    String declaredPhone(int i) {
        return i % 10 == 5 ? String.format(Locale.ROOT, "+38344%06d", 200_000 + serial(i)) : "+35569" + (2_000_000 + serial(i));
    }

    String officerImei(int i) {
        return Imeis.withCheckDigit(String.format(Locale.ROOT, "35391108%06d", serial(i)));
    }

    String officerPlate(int i) {
        return String.format(Locale.ROOT, "A%c %03d V%c", (char) ('A' + i / 1000 % 26), i % 1000, (char) ('A' + slot() % 26))
                + (slot() >= 26 ? "X" : "");
    }

    private double[] station(int i) {
        double[] c = town(postTowns.get(i));
        int s = i % 3;
        return new double[] {c[0] + (s - 1) * 0.006, c[1] + (s == 1 ? 0.008 : -0.004)};
    }

    private static double[] town(String name) {
        for (Object[] t : TOWNS) if (t[0].equals(name)) return new double[] {(double) t[1], (double) t[2]};
        throw new IllegalStateException("no coordinates for " + name);
    }

    private void planLeads(Plant p) {
        Officer o = officers.get(p.officer());
        String account = id("plant-account", p.officer());
        String handle = handle("plant", p.officer());
        String pin = pin(p.officer() * 7919L + 3);
        plantedHandles.put(p.officer(), handle);
        String ref = String.format(Locale.ROOT, "EU-OTF-%d-%04d/%d", Math.floorMod(seed, 100_000L), 1000 + p.ordinal(), p.category().ordinal());
        String basis = "Regulation (EU) 2016/794, Art. 26";
        String attribution = "co-location of the handset with the subject's issued phone over 40 days";
        leads.add(new ScenarioLead(ref, "EUROPOL", basis, 2, "SKY_ECC", "ACCOUNT", handle, handle, attribution, account));
        leads.add(new ScenarioLead(ref, "EUROPOL", basis, 2, "SKY_ECC", "PIN", pin, pin, attribution, account));
        String phone = o.identifiers(IdentifierKind.PHONE).getFirst().value();
        leads.add(new ScenarioLead(ref, "EUROPOL", basis, 2, "PHONE", "PHONE", phone, international(phone), attribution, null));
        if (p.ordinal() % 2 == 0) {
            String name = Scripts.english(o.givenName() + " " + o.surname()).toUpperCase(Locale.ROOT);
            leads.add(new ScenarioLead(ref, "EUROPOL", basis, 2, "SKY_ECC", "NAME", name, name, "contact-list entry", account));
        }
        planned.computeIfAbsent(o.id(), k -> new ArrayList<>()).add(account);
    }

    /** A lead that points at no officer: a cryptophone account with a number nobody in the register holds. */
    private void planStrayLead(int k) {
        String handle = handle("stray", k);
        String ref = String.format(Locale.ROOT, "EU-OTF-%d-%04d/S", Math.floorMod(seed, 100_000L), 5000 + k);
        String phone = "+35567" + (9_000_000 + serial(k));
        String attribution = "contact-list entry \"polic\"";
        leads.add(new ScenarioLead(ref, "EUROPOL", "Regulation (EU) 2016/794, Art. 26", 2, "ENCROCHAT", "ACCOUNT", handle, handle, attribution, null));
        leads.add(new ScenarioLead(ref, "EUROPOL", "Regulation (EU) 2016/794, Art. 26", 2, "PHONE", "PHONE", phone, national(phone), attribution, null));
    }

    // ---------------------------------------------------------------- generate: the intelligence

    /** Streams every intelligence record of the scenario to the sink, group by group. */
    public synchronized Summary generate(Consumer<EntityRecord> sink) {
        this.sink = sink;
        rnd = new SplittableRandom(seed * 13 + officerCount * 7 + entityTarget);
        people = new SyntheticPeople(seed * 101 + 3);
        phones = kosovoPhones = imeis = plates = handles = recordKeys = statements = 0;
        byType.clear();
        plantEntities.clear();
        for (int g = 0; g <= lastPlantGroup || entities() < entityTarget; g++) {
            new Group(g, plantsByGroup.getOrDefault(g, List.of())).write();
        }
        this.sink = null;
        return new Summary(entities(), statements, new EnumMap<>(byType));
    }

    private long entities() {
        long n = 0;
        for (long c : byType.values()) n += c;
        return n;
    }

    private String id(String kind, long n) {
        long h = seed * 0x9E3779B97F4A7C15L + officerCount * 31L + entityTarget;
        for (int i = 0; i < kind.length(); i++) h = (h ^ kind.charAt(i)) * 0x100000001B3L;
        h = mix(h ^ n * 0xC2B2AE3D27D4EB4FL);
        String s = Long.toString(h >>> 1, 36);
        return "vs" + "0".repeat(13 - s.length()) + s;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private String handle(String kind, long n) {
        return Long.toString(mix(seed ^ (kind.hashCode() * 0x9E3779B97F4A7C15L) ^ n * 0xC2B2AE3D27D4EB4FL) >>> 20, 36).toUpperCase(Locale.ROOT);
    }

    private String pin(long n) {
        return String.format(Locale.ROOT, "%08X", mix(seed + n) & 0xFFFFFFFFL);
    }

    /** +355 68 2000123 as an Albanian writes it at home: 068 200 0123. */
    static String national(String e164) {
        if (e164.startsWith("+355")) {
            String n = e164.substring(4);
            return "0" + n.substring(0, 2) + " " + n.substring(2, 5) + " " + n.substring(5);
        }
        String n = e164.substring(4); // +383 44 200123
        return "0" + n.substring(0, 2) + " " + n.substring(2, 5) + " " + n.substring(5);
    }

    static String international(String e164) {
        return "00" + e164.substring(1, 4) + " " + e164.substring(4);
    }

    /** A phone number as some record writes it: national, 00-international, spaced or bare. */
    private String writePhone(String e164) {
        return switch (rnd.nextInt(4)) {
            case 0 -> national(e164);
            case 1 -> international(e164);
            case 2 -> e164.substring(0, 4) + " " + e164.substring(4, 6) + " " + e164.substring(6);
            default -> e164;
        };
    }

    /** An IMEI as some record writes it: with spaces, without its check digit, or with dashes. */
    private String writeImei(String imei) {
        return switch (rnd.nextInt(3)) {
            case 0 -> imei.substring(0, 2) + " " + imei.substring(2, 8) + " " + imei.substring(8, 14) + " " + imei.substring(14);
            case 1 -> imei.substring(0, 14);
            default -> imei.substring(0, 8) + "-" + imei.substring(8, 14) + "-" + imei.substring(14);
        };
    }

    private String writePlate(String plate) {
        return switch (rnd.nextInt(3)) {
            case 0 -> plate.replace(" ", "");
            case 1 -> plate.replace(' ', '-').toLowerCase(Locale.ROOT);
            default -> plate;
        };
    }

    private static boolean supportsTime() {
        try {
            return EntityType.LocatedAt.propertyType("time").map(t -> {
                t.clean("2026-06-12T08:15:00Z");
                return true;
            }).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One record under construction: statements are cleaned by their property types, as ingestion would. */
    private final class Rec {
        final String id;
        final EntityType type;
        final Provenance p;
        final List<Statement> st = new ArrayList<>();

        Rec(String id, EntityType type, Sources source, LocalDate first, LocalDate last) {
            this.id = id;
            this.type = type;
            String key = source.originator + "-" + last.getYear() + "-" + String.format(Locale.ROOT, "%08d", ++recordKeys);
            this.p = new Provenance(source.id, key, source.originator, source.legalBasis, first, last, source.grading, source.handling,
                    last.plusYears(3));
        }

        Rec put(String prop, Object original) {
            if (original == null) return this;
            String raw = original.toString();
            PropertyType pt = type.propertyType(prop).orElseThrow(() -> new IllegalStateException(type + " has no property " + prop));
            st.add(new Statement(id, prop, pt.clean(raw), raw, p));
            return this;
        }

        String emit() {
            sink.accept(new EntityRecord(id, type, List.copyOf(st)));
            byType.merge(type, 1L, Long::sum);
            statements += st.size();
            return id;
        }
    }

    /** A member of a group: his Person entity, first phone entity and (if any) cryptophone account. */
    private record Member(String id, SyntheticPeople.Person person, List<String> phoneIds) {}

    private final class Group {
        final int g;
        final List<Plant> plants;
        final String town;
        final double[] centre;
        final LocalDate from, to;
        final String orgId;
        final List<Member> members = new ArrayList<>();
        final List<String> accounts = new ArrayList<>();
        long local;

        Group(int g, List<Plant> plants) {
            this.g = g;
            this.plants = plants;
            town = (String) TOWNS[rnd.nextInt(TOWNS.length)][0];
            centre = town(town);
            from = LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(700));
            LocalDate end = from.plusDays(200 + rnd.nextInt(500));
            to = end.isAfter(TODAY) ? TODAY : end;
            orgId = id("org", g);
        }

        String next(String what) {
            return id("g" + g + "-" + what, local++);
        }

        LocalDate day() {
            return from.plusDays(rnd.nextInt((int) Math.max(1, to.toEpochDay() - from.toEpochDay())));
        }

        void write() {
            int size = 5 + rnd.nextInt(8);
            while (members.size() < size) {
                SyntheticPeople.Person head = people.person(null);
                int siblings = rnd.nextInt(4) == 0 ? 2 : 1;
                for (int s = 0; s < siblings && members.size() < size; s++) members.add(member(s == 0 ? head : people.person(head)));
            }
            new Rec(orgId, EntityType.Organization, Sources.ASP, from, to)
                    .put("name", "Grupi " + members.getFirst().person().surname() + " (" + town + ")")
                    .put("activity", "trafik narkotikësh dhe pastrim parash").put("country", town.equals("Prishtinë") ? "XK" : "AL").emit();
            for (Member m : members) writeMember(m);
            for (int i = 1; i < members.size(); i++) communicate(members.get(i).phoneIds().getFirst(), members.getFirst().phoneIds().getFirst());
            boolean crypto = rnd.nextBoolean() || plants.stream().anyMatch(p -> p.category().ordinal() >= Truth.Category.COLOCATED.ordinal());
            if (crypto) writeCryptophones();
            for (Plant p : plants) plant(p);
        }

        Member member(SyntheticPeople.Person p) {
            return new Member(next("person"), p, new ArrayList<>());
        }

        void writeMember(Member m) {
            SyntheticPeople.Person p = m.person();
            LocalDate seen = day();
            person(m.id(), Sources.ASP, p.given(), p.father(), p.surname(), p.dob(), p.city(), seen);
            relation(EntityType.Membership, Sources.ASP, seen, m.id(), orgId, "role", members.getFirst() == m ? "drejtues" : ROLES[rnd.nextInt(ROLES.length)]);
            for (Member other : members) {
                if (other == m) break;
                if (other.person().surname().equals(p.surname()) && other.person().father().equals(p.father())) {
                    relation(EntityType.Family, Sources.ASP, seen, other.id(), m.id(), "relationship", "vëlla/motër");
                }
            }
            boolean kosovar = town.equals("Prishtinë");
            String e164 = kosovar ? String.format(Locale.ROOT, "+38345%06d", kosovoPhones++) : "+3556" + (7 + rnd.nextInt(3)) + (5_000_000 + phones++);
            String phone = new Rec(next("phone"), EntityType.Phone, Sources.ASP, seen, to).put("number", writePhone(e164)).emit();
            relation(EntityType.Uses, Sources.ASP, seen, m.id(), phone, "role", "përdorues");
            m.phoneIds().add(phone);
            if (rnd.nextInt(10) < 6) {
                String imei = intelImei(imeis++);
                String device = new Rec(next("device"), EntityType.Device, Sources.ASP, seen, to)
                        .put("imei", writeImei(imei)).put("model", MODELS[rnd.nextInt(MODELS.length)]).emit();
                relation(EntityType.Uses, Sources.ASP, seen, m.id(), device, "role", "aparat");
            }
            String address = new Rec(next("address"), EntityType.Address, Sources.ASP, seen, to)
                    .put("full", INTEL_STREETS[rnd.nextInt(INTEL_STREETS.length)] + " " + (1 + rnd.nextInt(200)) + ", " + town)
                    .put("city", town).put("country", kosovar ? "XK" : "AL").emit();
            relation(EntityType.LocatedAt, Sources.ASP, seen, m.id(), address, "date", seen);
            if (rnd.nextInt(10) < 3) {
                String plate = intelPlate(plates++);
                String vehicle = new Rec(next("vehicle"), EntityType.Vehicle, Sources.ASP, seen, to).put("plate", writePlate(plate))
                        .put("make", "Mercedes-Benz").emit();
                relation(EntityType.Ownership, Sources.ASP, seen, m.id(), vehicle, "share", 100);
            }
        }

        void person(String id, Sources source, String given, String father, String surname, String birthDate, String place, LocalDate seen) {
            Rec r = new Rec(id, EntityType.Person, source, seen, to).put("name", given + " " + surname).put("firstName", given)
                    .put("lastName", surname).put("fatherName", father).put("birthDate", birthDate);
            if (place != null) r.put("birthPlace", place);
            r.emit();
        }

        String relation(EntityType type, Sources source, LocalDate date, String subject, String object, String prop, Object value) {
            Rec r = new Rec(next(type.name()), type, source, date, to).put(EntityType.SUBJECT, subject).put(EntityType.OBJECT, object);
            if (prop != null) r.put(prop, value);
            return r.emit();
        }

        void communicate(String a, String b) {
            if (a.equals(b)) return;
            LocalDate first = day();
            new Rec(next("communication"), EntityType.Communication, Sources.ASP, first, to).put(EntityType.SUBJECT, a).put(EntityType.OBJECT, b)
                    .put("count", 3 + rnd.nextInt(300)).put("channel", "GSM").emit();
        }

        /** Europol's records: the leader's and some members' cryptophone accounts, their chats and location events. */
        void writeCryptophones() {
            boolean sky = rnd.nextInt(3) > 0;
            for (int i = 0; i < members.size(); i++) {
                if (i > 0 && !rnd.nextBoolean()) continue;
                String account = account(next("account"), handle("g" + g, i), sky);
                relation(EntityType.Uses, Sources.EUROPOL, from, members.get(i).id(), account, "role", "attributed user");
                if (!accounts.isEmpty()) chat(account, accounts.getFirst(), sky);
                accounts.add(account);
                String place = place(centre[0] + (rnd.nextDouble() - 0.5) * 0.05, centre[1] + (rnd.nextDouble() - 0.5) * 0.05, "Zona " + (1 + rnd.nextInt(9)));
                for (int e = 0; e < 2 + rnd.nextInt(3); e++) {
                    LocalDate day = day();
                    located(account, place, centre[0] + (rnd.nextDouble() - 0.5) * 0.08, centre[1] + (rnd.nextDouble() - 0.5) * 0.08,
                            day.atTime(rnd.nextInt(24), rnd.nextInt(60)).atZone(TIRANE).toInstant());
                }
            }
        }

        String account(String id, String handle, boolean sky) {
            Rec r = new Rec(id, EntityType.Account, Sources.EUROPOL, from, to).put("handle", handle).put("service", sky ? "Sky ECC" : "EncroChat");
            if (sky) r.put("pin", pin(handles++));
            return r.emit();
        }

        void chat(String a, String b, boolean sky) {
            new Rec(next("chat"), EntityType.Communication, Sources.EUROPOL, from, to).put(EntityType.SUBJECT, a).put(EntityType.OBJECT, b)
                    .put("count", 10 + rnd.nextInt(2000)).put("channel", sky ? "Sky ECC" : "EncroChat").emit();
        }

        String place(double lat, double lon, String label) {
            return new Rec(next("place"), EntityType.Address, Sources.EUROPOL, from, to).put("full", label + ", " + town).put("city", town)
                    .put("country", town.equals("Prishtinë") ? "XK" : "AL").emit();
        }

        /** A cryptophone's location event: the handset's cell or GPS fix at a moment. */
        String located(String account, String place, double lat, double lon, Instant at) {
            LocalDate date = at.atZone(TIRANE).toLocalDate();
            Rec r = new Rec(next("located"), EntityType.LocatedAt, Sources.EUROPOL, date, date).put(EntityType.SUBJECT, account)
                    .put(EntityType.OBJECT, place).put("date", date)
                    .put("latitude", String.format(Locale.ROOT, "%.6f", lat)).put("longitude", String.format(Locale.ROOT, "%.6f", lon));
            if (LOCATED_AT_TIME) r.put("time", at.toString());
            return r.emit();
        }

        Member anyMember() {
            return members.get(1 + rnd.nextInt(members.size() - 1));
        }

        String leaderAccount(boolean sky) {
            if (accounts.isEmpty()) {
                String a = account(next("account"), handle("g" + g, 0), sky);
                relation(EntityType.Uses, Sources.EUROPOL, from, members.getFirst().id(), a, "role", "attributed user");
                accounts.add(a);
            }
            return accounts.getFirst();
        }

        void plant(Plant p) {
            Officer o = officers.get(p.officer());
            int i = p.officer();
            List<String> ents = plantEntities.computeIfAbsent(o.id(), k -> new ArrayList<>());
            switch (p.category()) {
                case SHARED_PHONE -> {
                    Member m = anyMember();
                    String phone = new Rec(next("phone"), EntityType.Phone, Sources.ASP, from, to)
                            .put("number", writePhone(o.identifiers(Officer.IdentifierKind.PHONE).getLast().value())).emit();
                    relation(EntityType.Uses, Sources.ASP, from, m.id(), phone, "role", "përdorues");
                    communicate(phone, members.getFirst().phoneIds().getFirst());
                    ents.addAll(List.of(phone, m.id()));
                }
                case SHARED_IMEI -> {
                    Member m = anyMember();
                    String device = new Rec(next("device"), EntityType.Device, Sources.ASP, from, to).put("imei", writeImei(officerImei(i)))
                            .put("model", MODELS[i % MODELS.length]).emit();
                    relation(EntityType.Uses, Sources.ASP, from, m.id(), device, "role", "aparat");
                    ents.addAll(List.of(device, m.id()));
                }
                case SHARED_VEHICLE -> {
                    Member m = anyMember();
                    String vehicle = new Rec(next("vehicle"), EntityType.Vehicle, Sources.ASP, from, to).put("plate", writePlate(officerPlate(i)))
                            .put("make", "Volkswagen").put("model", "Golf").emit();
                    relation(EntityType.Uses, Sources.ASP, from, m.id(), vehicle, "role", "drejton");
                    ents.addAll(List.of(vehicle, m.id()));
                }
                case OWN_RECORD -> ents.add(ownRecord(o, p.ordinal()));
                case TWO_HOPS -> {
                    Member m = anyMember();
                    String phone = new Rec(next("phone"), EntityType.Phone, Sources.ASP, from, to)
                            .put("number", writePhone(o.identifiers(Officer.IdentifierKind.PHONE).getLast().value())).emit();
                    communicate(phone, m.phoneIds().getFirst());
                    ents.addAll(List.of(phone, m.phoneIds().getFirst(), m.id()));
                }
                case THREE_HOPS -> {
                    Member m = anyMember();
                    SyntheticPeople.Person rel = people.person(m.person());
                    String relative = next("person");
                    person(relative, Sources.ASP, rel.given(), rel.father(), rel.surname(), rel.dob(), rel.city(), from);
                    relation(EntityType.Family, Sources.ASP, from, m.id(), relative, "relationship", "vëlla/motër");
                    String relPhone = new Rec(next("phone"), EntityType.Phone, Sources.ASP, from, to)
                            .put("number", writePhone("+35567" + (8_000_000 + serial(i)))).emit();
                    relation(EntityType.Uses, Sources.ASP, from, relative, relPhone, "role", "përdorues");
                    String phone = new Rec(next("phone"), EntityType.Phone, Sources.ASP, from, to)
                            .put("number", writePhone(o.identifiers(Officer.IdentifierKind.PHONE).getFirst().value())).emit();
                    communicate(phone, relPhone);
                    ents.addAll(List.of(phone, relPhone, relative));
                }
                case COLOCATED, SAME_TOWN -> {
                    boolean sky = true;
                    String account = account(next("account"), handle("plant-colocation", i), sky);
                    chat(account, leaderAccount(sky), sky);
                    ents.add(account);
                    boolean near = p.category() == Truth.Category.COLOCATED;
                    List<Duty> duties = o.duties();
                    for (int k = 0; k < 5; k++) {
                        Duty d = duties.get((k * 2 + p.ordinal()) % duties.size());
                        double lat, lon;
                        Instant at;
                        if (near) {
                            lat = d.latitude() + (rnd.nextDouble() - 0.5) * 0.002; // within about 110 m
                            lon = d.longitude() + (rnd.nextDouble() - 0.5) * 0.002;
                            at = d.startsAt().plusSeconds(1800 + rnd.nextInt(6 * 3600));
                        } else {
                            lat = d.latitude() + (rnd.nextBoolean() ? 1 : -1) * (0.03 + rnd.nextDouble() * 0.02); // 3 to 5.5 km away
                            lon = d.longitude() + (rnd.nextDouble() - 0.5) * 0.01;
                            at = d.startsAt().plusSeconds(rnd.nextInt(8 * 3600));
                        }
                        String place = place(lat, lon, near ? "pranë " + d.place() : "Lagjja " + (1 + rnd.nextInt(12)));
                        ents.add(located(account, place, lat, lon, at));
                    }
                }
                case DENIED_CRYPTOPHONE, DECLARED_CRYPTOPHONE -> {
                    String account = new Rec(id("plant-account", i), EntityType.Account, Sources.EUROPOL, from, to)
                            .put("handle", plantedHandles.get(i)).put("service", "Sky ECC").put("pin", pin(i * 7919L + 3)).emit();
                    chat(account, leaderAccount(true), true);
                }
                case NAMESAKE -> {
                    SyntheticPeople.Person other;
                    do {
                        other = people.person(null);
                    } while (other.father().equals(o.fatherName()) || Math.abs(other.year() - year(o)) < 3);
                    Member m = new Member(next("person"), new SyntheticPeople.Person(o.givenName(), other.father(), o.surname(), other.year(),
                            other.month(), other.day(), other.phone(), other.imei(), other.city(), other.idNumber()), new ArrayList<>());
                    members.add(m);
                    writeMember(m);
                    ents.add(m.id());
                }
                case SIBLING -> {
                    SyntheticPeople.Person sib;
                    do {
                        sib = people.person(null);
                    } while (sib.given().equals(o.givenName()));
                    int year = year(o) + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(8));
                    Member m = new Member(next("person"), new SyntheticPeople.Person(sib.given(), o.fatherName(), o.surname(), year, sib.month(),
                            sib.day(), sib.phone(), sib.imei(), homeTowns.get(i), sib.idNumber()), new ArrayList<>());
                    members.add(m);
                    writeMember(m);
                    ents.add(m.id());
                }
                case RESERVED, CLEAN -> { }
            }
        }

        /** A partner's record of the officer himself, in the partner's script or spelling, as a member of the group. */
        String ownRecord(Officer o, int ordinal) {
            java.util.function.UnaryOperator<String> style = switch (ordinal % 5) {
                case 0 -> Scripts::cyrillic;
                case 1 -> Scripts::greek;
                case 2 -> Scripts::italian;
                case 3 -> Scripts::turkish;
                default -> Scripts::english;
            };
            LocalDate dob = LocalDate.parse(o.birthDate());
            String written = switch (ordinal % 3) {
                case 0 -> dob.format(DOTTED);
                case 1 -> dob.format(SLASHED);
                default -> dob.toString();
            };
            String given = style.apply(o.givenName()), surname = style.apply(o.surname()), father = style.apply(o.fatherName());
            String id = next("partner-person");
            Sources source = ordinal % 5 == 4 ? Sources.EUROPOL : Sources.PARTNERS;
            Rec r = new Rec(id, EntityType.Person, source, from, to)
                    .put("name", ordinal % 4 == 0 ? surname.toUpperCase(Locale.ROOT) + " " + given : given + " " + surname)
                    .put("firstName", given).put("lastName", surname).put("fatherName", father).put("birthDate", written);
            r.emit();
            new Rec(next("membership"), EntityType.Membership, source, from, to).put(EntityType.SUBJECT, id).put(EntityType.OBJECT, orgId)
                    .put("role", "anëtar").emit();
            return id;
        }
    }

    private static int year(Officer o) {
        return Integer.parseInt(o.birthDate().substring(0, 4));
    }

    private static String intelImei(long n) {
        String[] tacs = {"35332510", "35693803", "86891503", "35420911"};
        return Imeis.withCheckDigit(tacs[(int) (n / 1_000_000 % tacs.length)] + String.format(Locale.ROOT, "%06d", n % 1_000_000));
    }

    private static String intelPlate(long n) {
        return String.format(Locale.ROOT, "Z%c %03d %c%c", (char) ('A' + n / 1000 % 26), n % 1000, (char) ('A' + n / 26_000 % 26),
                (char) ('A' + n / 676_000 % 26));
    }
}
