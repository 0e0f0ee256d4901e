package besa.match;

import static org.assertj.core.api.Assertions.assertThat;

import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.field.FieldType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query-by-example against an in-memory index, as the server's API uses it. */
class MatchIndexTest {
    @Test
    void findsAPersonWrittenInAnotherScriptWithAnExplanation() {
        MatchIndex index = new MatchIndex(List.of(new FieldSpec("name", FieldType.FULL_NAME), new FieldSpec("dob", FieldType.DATE),
                new FieldSpec("phone", FieldType.PHONE)));
        CsvTable people = Fixtures.people(3000, 0, 0, 5)[0];
        for (String[] r : people.rows()) {
            index.add(r[0], Map.of("name", r[1] + " " + r[2] + " " + r[3], "dob", r[4], "phone", r[5]));
        }
        index.add("target", Map.of("name", "Arben Ilir Hoxha", "dob", "1985-03-12", "phone", "0691234567"));
        index.train();

        Map<String, String> q = new HashMap<>(Map.of("name", "ХОЏА Арбен", "dob", "12.03.1985"));
        List<MatchIndex.Match> hits = index.query(q, 5, 0.0);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).id()).isEqualTo("target");
        assertThat(hits.get(0).score()).isGreaterThan(0.5);
        assertThat(hits.get(0).explanation()).contains("name: ХОЏА Арбен ≈ Arben Ilir Hoxha, part of name").contains("dob:");
        for (int i = 1; i < hits.size(); i++) assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());

        q.put("phone", "+355 69 123 4567");
        assertThat(index.query(q, 1, 0.0).get(0).score()).isGreaterThan(hits.get(0).score());
        assertThat(index.query(Map.of("name", "Zzyzx Qwerty"), 5, 0.5)).isEmpty();
    }
}
