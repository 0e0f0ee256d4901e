package besa.vetting.screening;

import besa.access.ReadScope;
import besa.intel.model.PropertyType;
import besa.match.MatchIndex;
import besa.match.data.FieldSpec;
import besa.match.field.FieldType;
import besa.vetting.personnel.Officer;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * PERSON: intelligence persons that are (probably) the officer. The officers are held in the matching
 * engine's in-memory index ({@link MatchIndex}: names in any script and spelling, father's name, date
 * of birth, sibling and namesake penalties, explanations); every Person the vetting unit may read is
 * streamed from the database once and queried against it. The index is kept between runs while the
 * officers' names and dates stay the same.
 *
 * <p>A match needs the engine's probability of at least {@value #MIN_PROBABILITY} and a date of birth
 * that agrees up to a typing error (the engine's namesake rule: same name, other date, is another man; a person without a date is never enough). Weight:
 * 0.6 × probability; 0.25 more when the person is a group member or one relation from one.
 */
@Component
class PersonDetector implements Detector {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PersonDetector.class);
    static final double MIN_PROBABILITY = 0.8;
    private static final List<String> PROPS = List.of("name", "firstName", "fatherName", "lastName", "alias", "birthDate");
    private static final List<FieldSpec> FIELDS = List.of(new FieldSpec("given", FieldType.GIVEN_NAME), new FieldSpec("father", FieldType.FATHER_NAME),
            new FieldSpec("surname", FieldType.SURNAME), new FieldSpec("dob", FieldType.DATE));

    private static final int PAD_TO = 2_000;
    private static final String SYNTHETIC = "\u0000synthetic-";
    private MatchIndex index;
    private PersonPrefilter prefilter;
    private int indexed = Integer.MIN_VALUE;

    @Override
    public FactorKind kind() {
        return FactorKind.PERSON;
    }

    @Override
    public void screen(ScreeningContext ctx, Consumer<Finding> out) {
        run(ctx, null, out);
    }

    @Override
    public void screenChanged(ScreeningContext ctx, Set<String> entityIds, Consumer<Finding> out) {
        if (entityIds.isEmpty()) return;
        // Most changes hold no person: do not (re)build the officers' index for them.
        boolean persons = ctx.jdbc().sql("select exists (select 1 from entity where id = any(?) and type = 'Person')")
                .param(entityIds.toArray(String[]::new)).query(Boolean.class).single();
        if (persons) run(ctx, entityIds, out);
    }

    private void run(ScreeningContext ctx, Set<String> changed, Consumer<Finding> out) {
        if (ctx.officers().isEmpty()) return;
        long start = System.nanoTime();
        MatchIndex idx = index(ctx.officers());
        PersonPrefilter filter = prefilter;
        Map<String, Officer> byId = ctx.byId();
        ReadScope scope = ctx.scope();
        String sql = """
                select s.entity_id, s.prop, s.value from statement s join entity e on e.id = s.entity_id
                where e.type = 'Person' and s.retired_at is null and s.prop in ('name', 'firstName', 'fatherName', 'lastName', 'alias', 'birthDate')
                  and VISIBLE and ALLOWED CHANGED
                order by s.entity_id"""
                .replace("VISIBLE", scope.statementVisible("s"))
                .replace("ALLOWED", scope.entityAllowed("e.id"))
                .replace("CHANGED", changed == null ? "" : "and e.id = any(?)");
        List<Person.Query> pending = new ArrayList<>();
        Person current = new Person();
        var spec = ctx.jdbc().sql(sql).withFetchSize(10_000);
        if (changed != null) spec = spec.param(changed.toArray(String[]::new));
        spec.query((ResultSet rs) -> {
            String id = rs.getString(1);
            if (!id.equals(current.id)) {
                current.take(filter, pending);
                current.reset(id);
            }
            current.add(rs.getString(2), rs.getString(3));
        });
        current.take(filter, pending);
        long streamed = System.nanoTime();
        // The engine's queries are independent and the index is thread-safe: use every core.
        List<Candidate> found = pending.parallelStream().flatMap(q -> q.match(idx, byId).stream()).toList();
        log.info("person screening: {} persons streamed, {} passed the prefilter and were matched against {} officers in {} ms; {} ms in all",
                current.seen, pending.size(), ctx.officers().size(), (System.nanoTime() - streamed) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        Map<String, CriminalLinks.Link> links = CriminalLinks.of(ctx.jdbc(), scope, found.stream().map(Candidate::personId).distinct().toList());
        for (Candidate c : found) emit(c, links.get(c.personId()), out);
    }

    record Candidate(String officerId, String personId, String caption, double probability, String explanation) {}

    /** One intelligence person's names and dates as they stream in. */
    private static final class Person {
        String id;
        final Map<String, List<String>> values = new HashMap<>();
        int seen;

        void reset(String id) {
            this.id = id;
            values.clear();
        }

        void add(String prop, String value) {
            values.computeIfAbsent(prop, k -> new ArrayList<>()).add(value);
        }

        /** Queues the person for the engine when the prefilter lets him through. */
        void take(PersonPrefilter filter, List<Query> out) {
            if (id == null || values.isEmpty()) return;
            seen++;
            List<String> names = new ArrayList<>();
            for (String p : List.of("name", "alias", "firstName", "lastName")) names.addAll(values.getOrDefault(p, List.of()));
            if (!filter.mayMatch(names, values.getOrDefault("birthDate", List.of()))) return;
            Map<String, String> q = query(values);
            if (q.isEmpty() || !q.containsKey("dob")) return; // a name alone is shared by namesakes: the date must confirm it
            out.add(new Query(id, caption(), q));
        }

        record Query(String personId, String caption, Map<String, String> record) {
            List<Candidate> match(MatchIndex idx, Map<String, Officer> officers) {
                List<Candidate> out = new ArrayList<>();
                for (MatchIndex.Match m : idx.query(record, 5, MIN_PROBABILITY)) {
                    if (!dateConfirms(m)) continue;
                    Officer o = officers.get(m.id());
                    if (o != null) out.add(new Candidate(o.id(), personId, caption, m.score(), m.explanation()));
                }
                return out;
            }
        }

        private String caption() {
            List<String> n = values.getOrDefault("name", values.getOrDefault("lastName", List.of(id)));
            return n.getFirst();
        }
    }

    /** An intelligence person as the index's record: parts from firstName/lastName, and from each full name or alias split in words. */
    static Map<String, String> query(Map<String, List<String>> v) {
        Set<String> given = new LinkedHashSet<>(), father = new LinkedHashSet<>(), surname = new LinkedHashSet<>();
        given.addAll(v.getOrDefault("firstName", List.of()));
        father.addAll(v.getOrDefault("fatherName", List.of()));
        surname.addAll(v.getOrDefault("lastName", List.of()));
        List<String> full = new ArrayList<>(v.getOrDefault("name", List.of()));
        full.addAll(v.getOrDefault("alias", List.of()));
        for (String name : full) {
            List<String> t = PropertyType.nameTokens(name);
            if (t.size() < 2) continue;
            given.add(t.getFirst());
            surname.add(t.getLast());
            if (t.size() == 3) father.add(t.get(1));
        }
        Map<String, String> q = new HashMap<>();
        if (given.isEmpty() && surname.isEmpty()) return q;
        put(q, "given", given);
        put(q, "father", father);
        put(q, "surname", surname);
        put(q, "dob", new LinkedHashSet<>(v.getOrDefault("birthDate", List.of())));
        return q;
    }

    private static void put(Map<String, String> q, String column, Set<String> values) {
        if (!values.isEmpty()) q.put(column, String.join(";", values.stream().map(s -> s.replace(";", " ")).toList()));
    }

    /**
     * The dates of birth agree, up to a typing error or day and month swapped. "Different" is another man of
     * the same name (a namesake), and "same year" says too little when names are common.
     */
    static boolean dateConfirms(MatchIndex.Match m) {
        return m.contributions().stream().anyMatch(c -> c.field().equals("dob") && !"different".equals(c.level()) && !"same year".equals(c.level()));
    }

    private synchronized MatchIndex index(List<Officer> officers) {
        int fingerprint = 1;
        for (Officer o : officers) fingerprint = 31 * fingerprint + java.util.Objects.hash(o.id(), o.givenName(), o.fatherName(), o.surname(), o.birthDate());
        if (index != null && fingerprint == indexed) return index;
        MatchIndex idx = new MatchIndex(FIELDS);
        PersonPrefilter filter = new PersonPrefilter();
        for (Officer o : officers) {
            filter.addOfficer(o.givenName(), o.surname(), o.birthDate());
            Map<String, String> r = new HashMap<>();
            r.put("given", o.givenName());
            if (o.fatherName() != null) r.put("father", o.fatherName());
            r.put("surname", o.surname());
            if (o.birthDate() != null) r.put("dob", o.birthDate());
            idx.add(o.id(), r);
        }
        // A small register (a new deployment, a test) gives the engine too few pairs to learn how often names
        // agree by chance: synthetic people (never reported: no officer has their ids) stand in for the rest.
        besa.match.synth.SyntheticPeople synthetic = new besa.match.synth.SyntheticPeople(5);
        for (int i = officers.size(); i < PAD_TO; i++) {
            var p = synthetic.person(null);
            idx.add(SYNTHETIC + i, Map.of("given", p.given(), "father", p.father(), "surname", p.surname(), "dob", p.dob()));
        }
        idx.train();
        index = idx;
        prefilter = filter;
        indexed = fingerprint;
        return idx;
    }

    private static void emit(Candidate c, CriminalLinks.Link link, Consumer<Finding> out) {
        String pct = String.format(Locale.ROOT, "%.0f%%", c.probability() * 100);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("person", c.personId());
        evidence.put("probability", Math.round(c.probability() * 1000) / 1000.0);
        evidence.put("explanation", c.explanation());
        List<String> entities = new ArrayList<>(List.of(c.personId()));
        String sq = "Personi në inteligjencë „" + c.caption() + "” (" + c.personId() + ") është me gjasë oficeri (" + pct + "): " + c.explanation();
        String en = "The intelligence person “" + c.caption() + "” (" + c.personId() + ") is probably the officer (" + pct + "): " + c.explanation();
        if (link != null) {
            evidence.put("member", link.memberId());
            evidence.put("group", link.groupId());
            if (!link.memberId().equals(c.personId())) entities.add(link.memberId());
            entities.add(link.groupId());
            sq += "; i lidhur me grupin „" + link.groupCaption() + "” (" + link.groupId() + ")";
            en += "; linked to the group “" + link.groupCaption() + "” (" + link.groupId() + ")";
        }
        evidence.put("entities", entities);
        double w = Math.min(0.95, 0.6 * c.probability() + (link == null ? 0 : 0.25));
        out.accept(Finding.officer(c.officerId(), FactorKind.PERSON, "PERSON:" + c.personId(), w, sq + ".", en + ".", evidence));
    }
}
