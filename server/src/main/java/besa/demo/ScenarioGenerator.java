package besa.demo;

import static besa.demo.DemoData.pick;

import besa.intel.model.EntityType;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.vetting.scenario.ScenarioLead;
import besa.vetting.scenario.ScenarioOfficer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Generates the demo scenario: organised-crime groups as the Albanian State Police and its partners
 * hold them, and the police's personnel register, some of whose officers appear in that intelligence
 * (see {@link #groundTruth()}).
 *
 * <p>Deterministic: the same seed and size give the same records in the same order, byte for byte.
 * Records stream to a consumer group by group, so even the large size never sits in memory whole;
 * only the officers (a few thousand small records) and one phone per group leader are kept.
 */
public final class ScenarioGenerator {
    public static final long DEFAULT_SEED = 20_260_630L;
    /** The scenario's "today": fixed, so that output never depends on the clock. */
    static final LocalDate SCENARIO_DATE = LocalDate.of(2026, 6, 30);

    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final java.time.ZoneId TIRANE = java.time.ZoneId.of("Europe/Tirane");
    private static final String LEAD_BASIS = "Regulation (EU) 2016/794, Art. 26; Operational Agreement Albania-Europol (2013)";
    private static final int STRAY_LEADS = 3;
    /** Whether the intelligence model's LocatedAt carries a time of day (a later addition to the model). */
    private static final boolean LOCATED_AT_TIME = supportsTime();

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

    enum GroupKind { COCAINE, CANNABIS, TRAFFICKING, LAUNDERING }

    /** An officer of the personnel register, kept in memory for the links into the groups. */
    record Officer(int index, String id, PersonName name, String phone, String imei, String city, String unit, String rank, String address,
            List<ScenarioOfficer.Shift> duties) {}

    private record Planned(Officer officer, OfficerLink.Kind kind, int group) {}

    /** What one generation produced. */
    public record Summary(long entities, long statements, Map<EntityType, Long> byType, Map<NameStyle, Long> byStyle) {}

    private final long seed;
    private final DemoSize size;
    private final DemoData data = DemoData.get();
    private final List<Officer> officers = new ArrayList<>();
    private final Map<Integer, List<Planned>> plannedByGroup = new TreeMap<>();
    private final List<OfficerLink> truth = new ArrayList<>();
    /** Europol's lead list, filled while the groups are generated (the handles are drawn then). */
    private final List<ScenarioLead> leads = new ArrayList<>();

    // Generation state: reset by each generate() so that a generator can run twice with equal output.
    private SplittableRandom rnd;
    private Consumer<EntityRecord> sink;
    private long phones, kosovoPhones, imeis, ibans, plates, skyIds, handles;
    private final long[] recordKeys = new long[DemoSources.values().length];
    private final Map<EntityType, Long> byType = new EnumMap<>(EntityType.class);
    private final Map<NameStyle, Long> byStyle = new EnumMap<>(NameStyle.class);
    private long statements;
    private final List<String> leaderPhones = new ArrayList<>();
    /** Names repeat a lot and their cleaning (script folding) is the dearest step: remember it. */
    private final Map<String, String> cleanNames = new java.util.HashMap<>();
    /** The handle and PIN of the cryptophone account written last (for Europol's lead list). */
    private String lastHandle, lastPin;
    private int strayLeads;

    public ScenarioGenerator(long seed, DemoSize size) {
        this.seed = seed;
        this.size = size;
        plan();
    }

    public long seed() {
        return seed;
    }

    public DemoSize size() {
        return size;
    }

    /** Which officers appear in the intelligence, how, and through which entities. */
    public List<OfficerLink> groundTruth() {
        return Collections.unmodifiableList(truth);
    }

    /** Personnel numbers of every officer in the register. */
    public List<String> officerIds() {
        return officers.stream().map(Officer::id).toList();
    }

    /**
     * The personnel register as HR would deliver it: names, birth date, issued phone and handset, home
     * address, duty shifts and the self-declaration (every officer denies cryptophone use).
     */
    public List<ScenarioOfficer> register() {
        return officers.stream().map(o -> new ScenarioOfficer(o.id(), o.name().first(), o.name().father(), o.name().last(),
                o.name().birthDate().toString(), o.unit(), o.rank(), List.of(o.phone()), List.of(o.imei()), o.address(), o.duties(), false)).toList();
    }

    /** Europol's list of cryptophone accounts linked to police: complete once {@link #generate} has run. */
    public List<ScenarioLead> leads() {
        return List.copyOf(leads);
    }

    /** An officer the intelligence does not mention: the demo's vetting officer is him (he must not screen himself). */
    public String cleanOfficerId() {
        Set<String> linked = new java.util.HashSet<>();
        truth.forEach(l -> linked.add(l.officerId()));
        return officers.stream().map(Officer::id).filter(id -> !linked.contains(id)).findFirst().orElseThrow();
    }

    /** Streams every record of the scenario to the sink, officers first, then the groups. */
    public synchronized Summary generate(Consumer<EntityRecord> sink) {
        reset();
        this.sink = sink;
        rnd = new SplittableRandom(seed * 31 + size.ordinal());
        // The officers themselves are in the personnel register (see register()), not in the intelligence.
        // The large size adds groups (without officer links) until it holds its promised number of entities.
        long floor = size == DemoSize.LARGE ? size.expectedEntities() : 0;
        for (int g = 0; g < size.groups || entities() < floor; g++) new Group(g, plannedByGroup.getOrDefault(g, List.of())).write();
        this.sink = null;
        return new Summary(entities(), statements, new EnumMap<>(byType), new EnumMap<>(byStyle));
    }

    private long entities() {
        long n = 0;
        for (long c : byType.values()) n += c;
        return n;
    }

    private void reset() {
        phones = size.officers; // the officers' phones and handsets took the first numbers in plan()
        imeis = size.officers;
        kosovoPhones = ibans = plates = skyIds = handles = statements = 0;
        java.util.Arrays.fill(recordKeys, 0);
        byType.clear();
        byStyle.clear();
        leaderPhones.clear();
        cleanNames.clear();
        leads.clear();
        strayLeads = 0;
    }

    // ---------------------------------------------------------------- plan: officers and their links

    private void plan() {
        SplittableRandom r = new SplittableRandom(seed * 17 + size.ordinal());
        for (int i = 0; i < size.officers; i++) {
            PersonName n = person(r, null, null, 1960, 2001);
            String phone = Identifiers.albanianMobile(i, r);
            String imei = Identifiers.imei(i, tacs());
            String[] city = cityRow(n.birthPlace());
            String unit = "Drejtoria Vendore e Policisë " + city[0];
            String address = pick(r, data.streets) + " " + (1 + r.nextInt(180)) + ", Ap. " + (1 + r.nextInt(30)) + ", " + city[1] + " " + city[0];
            officers.add(new Officer(i, officerId(i), n, phone, imei, city[0], unit, data.ranks.pick(r), address, duties(city, i, r)));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size.officers; i++) order.add(i);
        Collections.shuffle(order, new java.util.Random(r.nextLong()));
        int perKind = Math.max(4, size.officers / 100);
        int next = 0;
        for (OfficerLink.Kind kind : OfficerLink.Kind.values()) {
            for (int k = 0; k < perKind; k++) {
                Officer o = officers.get(order.get(next++));
                int group = r.nextInt(size.groups);
                plannedByGroup.computeIfAbsent(group, x -> new ArrayList<>()).add(new Planned(o, kind, group));
                String person = linkId(o, kind, "person");
                String evidence = switch (kind) {
                    case SHARED_PHONE -> linkId(o, kind, "phone");
                    case SHARED_IMEI -> linkId(o, kind, "device");
                    case CRYPTO_ACCOUNT -> linkId(o, kind, "account");
                    case SIBLING, NAMESAKE -> null;
                };
                truth.add(new OfficerLink(o.id(), kind, kind != OfficerLink.Kind.NAMESAKE, person, evidence, id("org", group)));
            }
        }
    }

    /** HR personnel numbers of the demo's register. */
    private static String officerId(int i) {
        return String.format(java.util.Locale.ROOT, "PSH-%06d", 100_001 + i);
    }

    /** Eight shifts in the month before the scenario's date at the town's police station. */
    private static List<ScenarioOfficer.Shift> duties(String[] city, int i, SplittableRandom r) {
        double lat = Double.parseDouble(city[2]) + (i % 3 - 1) * 0.005, lon = Double.parseDouble(city[3]) + (i % 2) * 0.006;
        List<ScenarioOfficer.Shift> out = new ArrayList<>();
        java.util.TreeSet<Integer> days = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        while (days.size() < 8) days.add(1 + r.nextInt(30));
        for (int d : days) {
            java.time.Instant start = SCENARIO_DATE.minusDays(d).atTime(new int[] {6, 14, 22}[r.nextInt(3)], 0)
                    .atZone(java.time.ZoneId.of("Europe/Tirane")).toInstant();
            out.add(new ScenarioOfficer.Shift(start, start.plusSeconds(8 * 3600), "Komisariati i Policisë " + city[0], lat, lon));
        }
        return List.copyOf(out);
    }

    private String[] tacs() {
        return data.tacs.stream().map(t -> t[0]).toArray(String[]::new);
    }

    /** Opaque, stable ids: nothing in an id tells a reader which records belong together. */
    private String id(String kind, long n) {
        long h = seed * 0x9E3779B97F4A7C15L + size.ordinal();
        for (int i = 0; i < kind.length(); i++) h = (h ^ kind.charAt(i)) * 0x100000001B3L;
        h = mix(h ^ n * 0xC2B2AE3D27D4EB4FL);
        String s = Long.toString(h >>> 1, 36);
        return "dm" + "0".repeat(13 - s.length()) + s;
    }

    private String linkId(Officer o, OfficerLink.Kind kind, String role) {
        return id("link-" + kind + "-" + role, o.index());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private PersonName person(SplittableRandom r, String surname, String father, int fromYear, int toYear) {
        char gender = r.nextInt(10) < 8 ? 'M' : 'F';
        String first = (gender == 'M' ? data.male : data.female).pick(r);
        String last = surname != null ? surname : data.surnames.pick(r);
        String dad = father != null ? father : data.male.pick(r);
        LocalDate birth = LocalDate.of(fromYear, 1, 1).plusDays(r.nextInt(365 * (toYear - fromYear)));
        return new PersonName(first, dad, last, gender, birth, data.cities.pick(r));
    }

    // ---------------------------------------------------------------- writing records

    /** One record under construction: statements are cleaned by their property types, as ingestion would. */
    private final class Rec {
        final String id;
        final EntityType type;
        final Provenance p;
        final List<Statement> st = new ArrayList<>();

        Rec(String id, EntityType type, DemoSources source, LocalDate first, LocalDate last) {
            this.id = id;
            this.type = type;
            String key = source.id().substring(5).toUpperCase() + "-" + last.getYear() + "-" + String.format("%07d", ++recordKeys[source.ordinal()]);
            this.p = source.provenance(key, first, last, rnd);
        }

        Rec put(String prop, Object original) {
            if (original == null) return this;
            String raw = original.toString();
            PropertyType pt = type.propertyType(prop).orElseThrow(() -> new IllegalStateException(type + " has no property " + prop));
            if (cleanNames.size() > 200_000) cleanNames.clear();
            String clean = pt == PropertyType.NAME ? cleanNames.computeIfAbsent(raw, pt::clean) : pt.clean(raw);
            st.add(new Statement(id, prop, clean, raw, p));
            return this;
        }

        String emit() {
            sink.accept(new EntityRecord(id, type, List.copyOf(st)));
            byType.merge(type, 1L, Long::sum);
            statements += st.size();
            return id;
        }
    }

    private String relation(String id, EntityType type, DemoSources source, LocalDate first, LocalDate last,
            String subject, String object, String prop, Object value) {
        Rec r = new Rec(id, type, source, first, last).put(EntityType.SUBJECT, subject).put(EntityType.OBJECT, object);
        if (prop != null) r.put(prop, value);
        if (type != EntityType.Ownership && type != EntityType.Family) r.put("startDate", first).put("endDate", last);
        return r.emit();
    }

    private String writePerson(String id, DemoSources source, PersonName n, NameStyle style, boolean surnameFirst,
            LocalDate first, LocalDate last, String birthDate, boolean withFather) {
        NameStyle.Rendered r = style.render(n, surnameFirst);
        byStyle.merge(style, 1L, Long::sum);
        Rec rec = new Rec(id, EntityType.Person, source, first, last)
                .put("name", r.full()).put("firstName", r.first()).put("lastName", r.last());
        if (withFather) rec.put("fatherName", r.father());
        return rec.put("birthDate", birthDate).put("gender", n.gender() == 'M' ? "M" : "F").emit();
    }

    private String model(String imei) {
        for (String[] t : data.tacs) if (imei.startsWith(t[0])) return t[1];
        return null;
    }

    private String[] cityRow(String city) {
        for (String[] row : data.cities.rows) if (row[0].equals(city)) return row;
        throw new IllegalStateException("unknown city " + city);
    }

    private String writeAddress(String id, DemoSources source, String[] city, LocalDate first, LocalDate last) {
        String street = pick(rnd, data.streets);
        String full = street + " " + (1 + rnd.nextInt(180)) + (rnd.nextInt(3) == 0 ? ", Pallati " + (1 + rnd.nextInt(40)) : "")
                + ", " + city[1] + " " + city[0];
        return new Rec(id, EntityType.Address, source, first, last)
                .put("full", full).put("city", city[0]).put("postcode", city[1]).put("country", "AL").emit();
    }

    // ---------------------------------------------------------------- one organised-crime group

    /** A member of a group as the police know him; the ids of his main phone and cryptophone account. */
    private record Member(String id, PersonName name, String role, boolean kosovar, List<String> phoneE164,
            List<String> phoneIds, String familyKey) {}

    private final class Group {
        final int g;
        final List<Planned> planned;
        final GroupKind kind;
        final String[] city;
        final LocalDate from, to;
        final String orgId;
        final List<Member> members = new ArrayList<>();
        final List<String> accountIds = new ArrayList<>();
        final List<String> bankIds = new ArrayList<>();
        final List<String> ibanValues = new ArrayList<>();
        long local;

        Group(int g, List<Planned> planned) {
            this.g = g;
            this.planned = planned;
            kind = GroupKind.values()[rnd.nextInt(GroupKind.values().length)];
            city = kind == GroupKind.COCAINE || kind == GroupKind.CANNABIS
                    ? cityRow(rnd.nextBoolean() ? "Durrës" : "Vlorë") : data.cities.pickRow(rnd);
            from = LocalDate.of(2019, 1, 1).plusDays(rnd.nextInt(365 * 5));
            LocalDate end = from.plusDays(180 + rnd.nextInt(900));
            to = end.isAfter(SCENARIO_DATE) ? SCENARIO_DATE : end;
            orgId = id("org", g);
        }

        String next(String what) {
            return id("g" + g + "-" + what, local++);
        }

        LocalDate day() {
            return from.plusDays(rnd.nextInt((int) Math.max(1, to.toEpochDay() - from.toEpochDay())));
        }

        void write() {
            int size = 6 + rnd.nextInt(9);
            while (members.size() < size) family(1 + rnd.nextInt(3));
            for (Planned p : planned) {
                switch (p.kind()) {
                    case SIBLING -> sibling(p.officer());
                    case NAMESAKE -> namesake(p.officer());
                    case SHARED_PHONE, SHARED_IMEI -> members.add(new Member(linkId(p.officer(), p.kind(), "person"),
                            person(rnd, null, null, 1965, 2003), pick(rnd, roles()), false, new ArrayList<>(), new ArrayList<>(), "link" + p.kind() + p.officer().index()));
                    case CRYPTO_ACCOUNT -> { }
                }
            }
            writeOrganisation();
            for (Member m : members) writeMember(m);
            for (Planned p : planned) {
                if (p.kind() == OfficerLink.Kind.SHARED_PHONE) sharedPhone(p.officer());
                if (p.kind() == OfficerLink.Kind.SHARED_IMEI) sharedImei(p.officer());
            }
            writeCommunications();
            writeVehicles();
            writeMoney();
            writeEvents();
            boolean cryptoLink = planned.stream().anyMatch(p -> p.kind() == OfficerLink.Kind.CRYPTO_ACCOUNT);
            if (kind != GroupKind.LAUNDERING || rnd.nextInt(3) == 0 || cryptoLink) writeCryptophones();
            if (kind == GroupKind.COCAINE || kind == GroupKind.TRAFFICKING) writeTurkishPolice();
            if (kind == GroupKind.COCAINE || kind == GroupKind.LAUNDERING) writeProsecutor();
            leaderPhones.add(members.getFirst().phoneIds().getFirst());
        }

        /** Brothers and sisters share surname and father's name, and live at one address. */
        void family(int siblings) {
            PersonName head = person(rnd, null, null, 1965, 2003);
            String key = "f" + members.size();
            for (int i = 0; i < siblings; i++) {
                PersonName n = i == 0 ? head : person(rnd, head.last(), head.father(), 1965, 2003);
                if (i > 0) n = new PersonName(n.first(), n.father(), n.last(), n.gender(), n.birthDate(), head.birthPlace());
                addMember(n, key);
            }
        }

        Member addMember(PersonName n, String familyKey) {
            String role = members.isEmpty() ? "drejtues" : pick(rnd, roles());
            Member m = new Member(next("person"), n, role, rnd.nextInt(10) == 0, new ArrayList<>(), new ArrayList<>(), familyKey);
            members.add(m);
            return m;
        }

        List<String> roles() {
            return switch (kind) {
                case COCAINE -> List.of("anëtar", "anëtar", "korrier", "logjistikë në port", "shofer", "financier");
                case CANNABIS -> List.of("anëtar", "kultivues", "transportues", "skafist", "shofer");
                case TRAFFICKING -> List.of("anëtar", "rekrutues", "shoqërues", "shofer", "dokumente të falsifikuara");
                case LAUNDERING -> List.of("anëtar", "financier", "administrator shoqërie", "kontabilist", "nominal");
            };
        }

        void sibling(Officer o) {
            PersonName on = o.name();
            PersonName n;
            do {
                n = person(rnd, on.last(), on.father(), on.birthDate().getYear() - 8, on.birthDate().getYear() + 8);
            } while (n.first().equals(on.first()));
            n = new PersonName(n.first(), n.father(), n.last(), n.gender(), n.birthDate(), on.birthPlace());
            Member m = new Member(linkId(o, OfficerLink.Kind.SIBLING, "person"), n, pick(rnd, roles()), false,
                    new ArrayList<>(), new ArrayList<>(), "officer" + o.index());
            members.add(m);
        }

        void namesake(Officer o) {
            PersonName on = o.name();
            PersonName other;
            do {
                other = person(rnd, on.last(), null, 1965, 2003);
            } while (other.father().equals(on.father()) || other.birthPlace().equals(on.birthPlace())
                    || other.birthDate().getYear() == on.birthDate().getYear());
            PersonName n = new PersonName(on.first(), other.father(), on.last(), on.gender(), other.birthDate(), other.birthPlace());
            members.add(new Member(linkId(o, OfficerLink.Kind.NAMESAKE, "person"), n, pick(rnd, roles()), false,
                    new ArrayList<>(), new ArrayList<>(), "namesake" + o.index()));
        }

        void writeOrganisation() {
            String leader = members.getFirst().name().last();
            String activity = switch (kind) {
                case COCAINE -> "trafik kokaine nga Amerika e Jugut përmes porteve të Durrësit dhe Vlorës";
                case CANNABIS -> "kultivim dhe trafik kanabisi drejt Italisë dhe Greqisë";
                case TRAFFICKING -> "trafikim i qenieve njerëzore për shfrytëzim seksual dhe pune";
                case LAUNDERING -> "pastrim parash përmes shoqërive të ndërtimit dhe këmbimit valutor";
            };
            new Rec(orgId, EntityType.Organization, DemoSources.ASP_INTEL, from, to)
                    .put("name", "Grupi " + leader + " (" + city[0] + ")")
                    .put("alias", "Banda \"" + pick(rnd, data.nicknames) + "\"")
                    .put("activity", activity).put("country", "AL").emit();
        }

        void writeMember(Member m) {
            PersonName n = m.name();
            LocalDate seen = day();
            Rec p = new Rec(m.id(), EntityType.Person, DemoSources.ASP_INTEL, seen, to)
                    .put("name", n.first() + " " + n.last()).put("firstName", n.first()).put("fatherName", n.father())
                    .put("lastName", n.last()).put("birthDate", rnd.nextInt(4) == 0 ? n.birthDate().format(DOTTED) : n.birthDate())
                    .put("birthPlace", n.birthPlace()).put("gender", n.gender() == 'M' ? "M" : "F")
                    .put("nationality", m.kosovar() ? "XK" : "AL");
            if (rnd.nextInt(3) == 0) p.put("alias", pick(rnd, data.nicknames));
            if (!m.kosovar()) p.put("idNumber", Identifiers.personalNumber(n.birthDate(), n.gender(), rnd));
            p.emit();
            byStyle.merge(NameStyle.ALBANIAN, 1L, Long::sum);
            relation(next("membership"), EntityType.Membership, DemoSources.ASP_INTEL, seen, to, m.id(), orgId, "role", m.role());
            for (Member other : members) {
                if (other == m) break;
                if (other.familyKey().equals(m.familyKey())) {
                    relation(next("family"), EntityType.Family, DemoSources.ASP_INTEL, seen, to, other.id(), m.id(),
                            "relationship", m.name().gender() == 'M' ? "vëlla" : "motër");
                }
            }
            int count = 1 + (rnd.nextInt(3) == 0 ? 1 : 0);
            for (int i = 0; i < count; i++) {
                String e164 = m.kosovar() && i == 0 ? Identifiers.kosovoMobile(kosovoPhones++, rnd) : Identifiers.albanianMobile(phones++, rnd);
                String phone = new Rec(next("phone"), EntityType.Phone, DemoSources.ASP_INTEL, seen, to)
                        .put("number", Identifiers.writePhone(e164, rnd)).put("country", e164.startsWith("+383") ? "XK" : "AL").emit();
                relation(next("uses"), EntityType.Uses, DemoSources.ASP_INTEL, seen, to, m.id(), phone, "role", "përdorues");
                m.phoneE164().add(e164);
                m.phoneIds().add(phone);
            }
            String imei = Identifiers.imei(imeis++, tacs());
            String device = new Rec(next("device"), EntityType.Device, DemoSources.ASP_INTEL, seen, to)
                    .put("imei", Identifiers.writeImei(imei, rnd)).put("model", model(imei)).emit();
            relation(next("uses"), EntityType.Uses, DemoSources.ASP_INTEL, seen, to, m.id(), device, "role", "përdorues");
            // Family members share the address of the first of them.
            Member head = members.stream().filter(x -> x.familyKey().equals(m.familyKey())).findFirst().orElseThrow();
            String address = id("g" + g + "-address-" + head.familyKey(), 0);
            if (head == m) writeAddress(address, DemoSources.ASP_INTEL, m.kosovar() ? city : cityRow(n.birthPlace()), seen, to);
            relation(next("located"), EntityType.LocatedAt, DemoSources.ASP_INTEL, seen, to, m.id(), address, "date", seen);
        }

        Member member(String id) {
            return members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
        }

        /** The member planned for this link uses a phone number the officer registered as his own. */
        void sharedPhone(Officer o) {
            Member m = member(linkId(o, OfficerLink.Kind.SHARED_PHONE, "person"));
            String phone = new Rec(linkId(o, OfficerLink.Kind.SHARED_PHONE, "phone"), EntityType.Phone, DemoSources.ASP_INTEL, from, to)
                    .put("number", Identifiers.writePhone(o.phone(), rnd)).put("country", "AL").emit();
            relation(next("uses"), EntityType.Uses, DemoSources.ASP_INTEL, from, to, m.id(), phone, "role", "përdorues");
            communicate(phone, members.getFirst().phoneIds().getFirst(), 3 + rnd.nextInt(60), "GSM");
        }

        void sharedImei(Officer o) {
            Member m = member(linkId(o, OfficerLink.Kind.SHARED_IMEI, "person"));
            String device = new Rec(linkId(o, OfficerLink.Kind.SHARED_IMEI, "device"), EntityType.Device, DemoSources.ASP_INTEL, from, to)
                    .put("imei", Identifiers.writeImei(o.imei(), rnd)).put("model", model(o.imei())).emit();
            relation(next("uses"), EntityType.Uses, DemoSources.ASP_INTEL, from, to, m.id(), device, "role", "përdorues");
        }

        void writeCommunications() {
            Member leader = members.getFirst();
            for (Member m : members) {
                if (m == leader) continue;
                communicate(m.phoneIds().getFirst(), leader.phoneIds().getFirst(), 20 + rnd.nextInt(400), "GSM");
                if (rnd.nextInt(3) == 0) communicate(m.phoneIds().getLast(), pick(rnd, members).phoneIds().getFirst(), 1 + rnd.nextInt(50), "GSM");
            }
            if (!leaderPhones.isEmpty()) {
                for (int i = 0; i < 2; i++) {
                    communicate(leader.phoneIds().getFirst(), leaderPhones.get(rnd.nextInt(leaderPhones.size())), 2 + rnd.nextInt(30), "GSM");
                }
            }
        }

        void communicate(String a, String b, int count, String channel) {
            if (a.equals(b)) return;
            LocalDate first = day();
            LocalDate last = first.plusDays(rnd.nextInt((int) Math.max(1, to.toEpochDay() - first.toEpochDay())));
            new Rec(next("communication"), EntityType.Communication, DemoSources.ASP_INTEL, first, last)
                    .put(EntityType.SUBJECT, a).put(EntityType.OBJECT, b).put("count", count).put("channel", channel)
                    .put("startDate", first).put("endDate", last).emit();
        }

        void writeVehicles() {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                String[] v = data.vehicles.pickRow(rnd);
                String plate = Identifiers.plate(plates++);
                String written = switch (rnd.nextInt(3)) {
                    case 0 -> plate;
                    case 1 -> plate.replace(" ", "");
                    default -> plate.replace(' ', '-');
                };
                String vehicle = new Rec(next("vehicle"), EntityType.Vehicle, DemoSources.ASP_INTEL, from, to)
                        .put("plate", written).put("make", v[0]).put("model", v[1]).put("colour", pick(rnd, data.colours)).emit();
                Member owner = pick(rnd, members);
                relation(next("ownership"), EntityType.Ownership, DemoSources.ASP_INTEL, from, to, owner.id(), vehicle, "share", 100);
                if (rnd.nextBoolean()) {
                    relation(next("uses"), EntityType.Uses, DemoSources.ASP_INTEL, from, to, pick(rnd, members).id(), vehicle, "role", "drejton");
                }
            }
        }

        void writeMoney() {
            int n = kind == GroupKind.LAUNDERING ? 3 + rnd.nextInt(4) : 1 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                String[] bank = pick(rnd, data.banks);
                String iban = Identifiers.iban(ibans++, bank[1], rnd);
                String account = new Rec(next("bank"), EntityType.BankAccount, DemoSources.ASP_INTEL, from, to)
                        .put("iban", Identifiers.writeIban(iban, rnd)).put("bank", bank[0]).put("country", "AL").emit();
                Member owner = i == 0 ? members.getFirst() : pick(rnd, members);
                relation(next("ownership"), EntityType.Ownership, DemoSources.ASP_INTEL, from, to, owner.id(), account, "share", 100);
                bankIds.add(account);
                ibanValues.add(iban);
            }
            int payments = kind == GroupKind.LAUNDERING ? 4 + rnd.nextInt(8) : rnd.nextInt(3);
            for (int i = 0; i < payments && bankIds.size() > 1; i++) {
                int a = rnd.nextInt(bankIds.size()), b = rnd.nextInt(bankIds.size());
                if (a == b) continue;
                LocalDate date = day();
                boolean lek = rnd.nextBoolean();
                int amount = (lek ? 100_000 : 1_000) * (5 + rnd.nextInt(400));
                new Rec(next("payment"), EntityType.Payment, DemoSources.ASP_INTEL, date, date)
                        .put(EntityType.SUBJECT, bankIds.get(a)).put(EntityType.OBJECT, bankIds.get(b))
                        .put("amount", amount).put("currency", lek ? "ALL" : "EUR").put("date", date).emit();
            }
        }

        void writeEvents() {
            int n = 1 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                LocalDate date = day();
                String name = switch (kind) {
                    case COCAINE -> i == 0 ? "Sekuestrim i " + (20 + rnd.nextInt(700)) + " kg kokainë në kontejner me banane, Porti i " + port()
                            : "Takim i drejtuesve në " + pick(rnd, List.of("Tiranë", "Durrës", "Stamboll", "Guayaquil"));
                    case CANNABIS -> i == 0 ? "Sekuestrim i " + (200 + rnd.nextInt(3000)) + " kg kanabis në gomone, Porti i " + port()
                            : "Asgjësim plantacioni kanabisi pranë " + city[0];
                    case TRAFFICKING -> i == 0 ? "Identifikim i " + (2 + rnd.nextInt(9)) + " viktimave të trafikimit, Pika e Kalimit Kapshticë"
                            : "Takim me rekrutues në " + city[0];
                    case LAUNDERING -> i == 0 ? "Sekuestrim pasurie: " + (1 + rnd.nextInt(12)) + " apartamente dhe shoqëri ndërtimi në " + city[0]
                            : "Transfertë e dyshimtë bankare e raportuar nga DPPPP";
                };
                boolean border = kind == GroupKind.TRAFFICKING && i == 0;
                String event = new Rec(next("event"), EntityType.Event, DemoSources.ASP_INTEL, date, date)
                        .put("name", name).put("date", date).put("place", border ? "Kapshticë" : city[0])
                        .put("latitude", border ? "40.6167" : city[2]).put("longitude", border ? "21.0333" : city[3]).emit();
                int present = 1 + rnd.nextInt(Math.min(4, members.size()));
                for (int k = 0; k < present; k++) {
                    Member m = members.get(k == 0 ? 0 : rnd.nextInt(members.size()));
                    relation(next("association"), EntityType.Association, DemoSources.ASP_INTEL, date, date, m.id(), event,
                            "role", i == 0 && k > 0 ? "i arrestuar" : "i pranishëm");
                }
            }
        }

        String port() {
            return city[0].equals("Vlorë") ? "Vlorës" : "Durrësit";
        }

        /** Europol's records: partners' renderings of the members, their cryptophone accounts and chats. */
        void writeCryptophones() {
            List<Member> users = new ArrayList<>();
            users.add(members.getFirst());
            for (Member m : members.subList(1, members.size())) if (rnd.nextBoolean()) users.add(m);
            boolean sky = rnd.nextInt(3) > 0;
            for (Member m : users) {
                accountIds.add(cryptoUser(next("eu-person"), m.name(), sky, next("account"), false));
                locatedAround(accountIds.getLast(), 1 + rnd.nextInt(2));
                if (strayLeads < STRAY_LEADS && m != users.getFirst()) {
                    // A lead that names no officer: the partner's suspicion, not borne out by the register.
                    String ref = "EU-OTF-" + (4000 + strayLeads++);
                    leads.add(new ScenarioLead(ref, "EUROPOL", LEAD_BASIS, 2, sky ? "SKY_ECC" : "ENCROCHAT", "ACCOUNT", lastHandle, lastHandle,
                            "contact-list entry \"polic\"", accountIds.getLast()));
                }
            }
            for (int i = 1; i < accountIds.size(); i++) {
                cryptoChat(accountIds.get(i), accountIds.getFirst(), sky);
                if (rnd.nextInt(3) == 0) cryptoChat(accountIds.get(i), pick(rnd, accountIds), sky);
            }
            for (Planned p : planned) {
                if (p.kind() != OfficerLink.Kind.CRYPTO_ACCOUNT) continue;
                Officer o = p.officer();
                String account = cryptoUser(linkId(o, OfficerLink.Kind.CRYPTO_ACCOUNT, "person"), o.name(), sky,
                        linkId(o, OfficerLink.Kind.CRYPTO_ACCOUNT, "account"), true);
                cryptoChat(account, accountIds.getFirst(), sky);
                // Europol's attribution: the handset was where and when the officer was on duty, and his issued phone was near it.
                String ref = "EU-OTF-" + (1000 + o.index());
                String attribution = "co-location of the handset with the officer's duty post and issued phone";
                String platform = sky ? "SKY_ECC" : "ENCROCHAT";
                leads.add(new ScenarioLead(ref, "EUROPOL", LEAD_BASIS, 2, platform, "ACCOUNT", lastHandle, lastHandle, attribution, account));
                if (lastPin != null) leads.add(new ScenarioLead(ref, "EUROPOL", LEAD_BASIS, 2, platform, "PIN", lastPin, lastPin, attribution, account));
                leads.add(new ScenarioLead(ref, "EUROPOL", LEAD_BASIS, 2, "PHONE", "PHONE", o.phone(), "00" + o.phone().substring(1), attribution, null));
                for (int k = 0; k < 4; k++) {
                    ScenarioOfficer.Shift d = o.duties().get(k * 2);
                    String place = new Rec(next("place"), EntityType.Address, DemoSources.EUROPOL_CRYPTO, from, to)
                            .put("full", "pranë " + d.place()).put("city", o.city()).put("country", "AL").emit();
                    located(account, place, d.latitude() + (rnd.nextDouble() - 0.5) * 0.002, d.longitude() + (rnd.nextDouble() - 0.5) * 0.002,
                            d.startsAt().plusSeconds(3600 + rnd.nextInt(5 * 3600)));
                }
            }
        }

        String cryptoUser(String personId, PersonName n, boolean sky, String accountId, boolean exactBirth) {
            NameStyle style = pick(rnd, List.of(NameStyle.ENGLISH, NameStyle.ENGLISH, NameStyle.ITALIAN, NameStyle.GREEK,
                    NameStyle.SERBIAN_CYRILLIC, NameStyle.MACEDONIAN_CYRILLIC));
            String birth = !exactBirth && rnd.nextInt(3) == 0 ? String.valueOf(n.birthDate().getYear()) : n.birthDate().format(SLASHED);
            writePerson(personId, DemoSources.EUROPOL_CRYPTO, n, style, rnd.nextInt(10) < 3, from, to, birth, false);
            String handle = sky ? Identifiers.skyId(skyIds++)
                    : pick(rnd, data.handleWords) + pick(rnd, data.handleWords) + Long.toString(handles++, 36);
            Rec acc = new Rec(accountId, EntityType.Account, DemoSources.EUROPOL_CRYPTO, from, to)
                    .put("handle", handle).put("service", sky ? "Sky ECC" : "EncroChat");
            lastHandle = handle;
            lastPin = sky ? String.format("%08X", rnd.nextInt() & 0xFFFFFFFFL) : null;
            if (sky) acc.put("pin", lastPin);
            acc.emit();
            relation(next("uses"), EntityType.Uses, DemoSources.EUROPOL_CRYPTO, from, to, personId, accountId, "role", "attributed user");
            if (rnd.nextBoolean()) {
                String imei = Identifiers.imei(imeis++, tacs());
                String device = new Rec(next("eu-device"), EntityType.Device, DemoSources.EUROPOL_CRYPTO, from, to)
                        .put("imei", Identifiers.writeImei(imei, rnd)).put("model", sky ? "Sky ECC (Google Pixel)" : "EncroChat (BQ Aquaris X2)").emit();
                relation(next("uses"), EntityType.Uses, DemoSources.EUROPOL_CRYPTO, from, to, personId, device, "role", "handset");
            }
            return accountId;
        }

        /** A few location events of a member's cryptophone somewhere in the group's town. */
        void locatedAround(String account, int n) {
            String place = new Rec(next("place"), EntityType.Address, DemoSources.EUROPOL_CRYPTO, from, to)
                    .put("full", "Zona " + (1 + rnd.nextInt(9)) + ", " + city[0]).put("city", city[0]).put("country", "AL").emit();
            double lat = Double.parseDouble(city[2]), lon = Double.parseDouble(city[3]);
            for (int i = 0; i < n; i++) {
                located(account, place, lat + (rnd.nextDouble() - 0.5) * 0.06, lon + (rnd.nextDouble() - 0.5) * 0.06,
                        day().atTime(rnd.nextInt(24), rnd.nextInt(60)).atZone(TIRANE).toInstant());
            }
        }

        /** A cryptophone's location event (Europol's data): coordinates, date and, where the model has it, the time. */
        void located(String account, String place, double lat, double lon, java.time.Instant at) {
            LocalDate date = at.atZone(TIRANE).toLocalDate();
            Rec r = new Rec(next("located"), EntityType.LocatedAt, DemoSources.EUROPOL_CRYPTO, date, date)
                    .put(EntityType.SUBJECT, account).put(EntityType.OBJECT, place).put("date", date)
                    .put("latitude", String.format(java.util.Locale.ROOT, "%.6f", lat)).put("longitude", String.format(java.util.Locale.ROOT, "%.6f", lon));
            if (LOCATED_AT_TIME) r.put("time", at.toString());
            r.emit();
        }

        void cryptoChat(String a, String b, boolean sky) {
            if (a.equals(b)) return;
            LocalDate first = day();
            LocalDate last = first.plusDays(rnd.nextInt(120));
            new Rec(next("eu-chat"), EntityType.Communication, DemoSources.EUROPOL_CRYPTO, first, last)
                    .put(EntityType.SUBJECT, a).put(EntityType.OBJECT, b).put("count", 10 + rnd.nextInt(2000))
                    .put("channel", sky ? "Sky ECC" : "EncroChat").put("startDate", first).put("endDate", last).emit();
        }

        /** The Turkish National Police's records: Turkish orthography, dotted dates, some surname first. */
        void writeTurkishPolice() {
            int n = 1 + rnd.nextInt(Math.min(3, members.size()));
            LocalDate date = day();
            String event = new Rec(next("tnp-event"), EntityType.Event, DemoSources.TNP, date, date)
                    .put("name", kind == GroupKind.COCAINE ? "Mersin Limanı'nda " + (50 + rnd.nextInt(900)) + " kg kokain ele geçirildi"
                            : "İstanbul'da insan ticareti operasyonu")
                    .put("date", date.format(DOTTED)).put("place", kind == GroupKind.COCAINE ? "Mersin" : "İstanbul").emit();
            for (int i = 0; i < n; i++) {
                Member m = members.get(i == 0 ? 0 : 1 + rnd.nextInt(members.size() - 1));
                String person = writePerson(next("tnp-person"), DemoSources.TNP, m.name(), NameStyle.TURKISH, rnd.nextBoolean(),
                        date, date, m.name().birthDate().format(DOTTED), rnd.nextBoolean());
                String e164 = m.phoneE164().getFirst();
                String phone = new Rec(next("tnp-phone"), EntityType.Phone, DemoSources.TNP, date, date)
                        .put("number", e164.startsWith("+355") ? "00" + e164.substring(1) : e164).emit();
                relation(next("uses"), EntityType.Uses, DemoSources.TNP, date, date, person, phone, "role", "kullanıcı");
                relation(next("association"), EntityType.Association, DemoSources.TNP, date, date, person, event, "role", "şüpheli");
            }
        }

        /** The prosecutor's records: register style (SURNAME First), the group as indicted, its bank accounts. */
        void writeProsecutor() {
            LocalDate opened = to.minusDays(rnd.nextInt(90));
            LocalDate asOf = SCENARIO_DATE.minusDays(rnd.nextInt(30));
            String org = new Rec(next("spak-org"), EntityType.Organization, DemoSources.SPAK, opened, asOf)
                    .put("name", "Organizata kriminale \"" + members.getFirst().name().last().toUpperCase(java.util.Locale.ROOT) + "\"")
                    .put("activity", "procedim penal nr. " + (100 + rnd.nextInt(900)) + "/" + opened.getYear())
                    .put("country", "AL").emit();
            int n = Math.min(members.size(), 2 + rnd.nextInt(3));
            for (int i = 0; i < n; i++) {
                Member m = members.get(i);
                String person = writePerson(next("spak-person"), DemoSources.SPAK, m.name(), NameStyle.ALBANIAN, true,
                        opened, asOf, m.name().birthDate().format(DOTTED), true);
                relation(next("membership"), EntityType.Membership, DemoSources.SPAK, opened, asOf, person, org,
                        "role", i == 0 ? "organizator" : "pjesëmarrës");
                if (i < ibanValues.size()) {
                    String account = new Rec(next("spak-bank"), EntityType.BankAccount, DemoSources.SPAK, opened, asOf)
                            .put("iban", Identifiers.writeIban(ibanValues.get(i), rnd)).put("country", "AL").emit();
                    relation(next("ownership"), EntityType.Ownership, DemoSources.SPAK, opened, asOf, person, account, "share", 100);
                }
            }
        }
    }
}
