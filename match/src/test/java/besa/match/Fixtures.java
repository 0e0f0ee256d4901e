package besa.match;

import besa.match.data.CsvTable;
import besa.match.synth.SyntheticPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Test data: synthetic Albanian people, and the shared benchmark data found by walking up. */
public final class Fixtures {
    public static final List<String> HEADER = List.of("id", "given_name", "father_name", "surname", "dob", "phone", "city", "truth");

    private Fixtures() {}

    /** Two sources: A holds n people; B holds variants of the first matches of them plus siblings of others. */
    public static CsvTable[] people(int n, int matches, int siblings, long seed) {
        SyntheticPeople gen = new SyntheticPeople(seed);
        List<String[]> a = new ArrayList<>(), b = new ArrayList<>();
        List<SyntheticPeople.Person> persons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyntheticPeople.Person p = gen.person(null);
            persons.add(p);
            a.add(row("a" + i, p, "p" + i));
        }
        for (int i = 0; i < matches; i++) b.add(row("b" + i, gen.variant(persons.get(i)), "p" + i));
        for (int i = 0; i < siblings; i++) {
            int of = matches + i;
            b.add(row("s" + i, gen.person(persons.get(of)), "sib" + of));
        }
        return new CsvTable[] {new CsvTable("A", HEADER, a), new CsvTable("B", HEADER, b)};
    }

    static String[] row(String id, SyntheticPeople.Person p, String truth) {
        String dob = p.year() == 0 ? "" : String.format("%02d.%02d.%04d", p.day(), p.month(), p.year());
        return new String[] {id, p.given(), p.father(), p.surname(), dob, p.phone(), p.city(), truth};
    }

    /** The folder shared/data (FEBRL, fake_1000), found by walking up from the working directory; skips the test if absent. */
    public static Path sharedData() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("data");
            if (Files.isDirectory(c.resolve("febrl"))) return c;
        }
        Assumptions.abort("benchmark data not found: no shared/data/febrl in any parent of " + Path.of("").toAbsolutePath()
                + " (clone the repository next to shared/)");
        return null;
    }
}
