package besa.match;

import static org.assertj.core.api.Assertions.assertThat;

import besa.match.cluster.Clusters;
import besa.match.cluster.Judgements;
import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.FieldType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deduplication into clusters, and judgements as constraints. */
class ClustersTest {
    @Test
    void connectedComponentsStrongestFirstWithCannotLink() {
        Clusters c = new Clusters(4);
        c.cannotLink(0, 2);
        c.addAll(List.of(new Clusters.Edge(0, 1, 0.9), new Clusters.Edge(1, 2, 0.8), new Clusters.Edge(2, 3, 0.95)));
        int[] l = c.labels();
        assertThat(l[0]).isEqualTo(l[1]);
        assertThat(l[2]).isEqualTo(l[3]);
        assertThat(l[0]).isNotEqualTo(l[2]);
        assertThat(c.refused()).isEqualTo(1);
    }

    @Test
    void dedupeGroupsVariantsAndObeysJudgements() {
        CsvTable[] t = Fixtures.people(2500, 800, 0, 3);
        List<String[]> rows = new ArrayList<>(t[0].rows());
        rows.addAll(t[1].rows());
        CsvTable all = new CsvTable("all", t[0].header(), rows);
        List<FieldSpec> f = List.of(new FieldSpec("given_name", FieldType.GIVEN_NAME), new FieldSpec("father_name", FieldType.FATHER_NAME),
                new FieldSpec("surname", FieldType.SURNAME), new FieldSpec("dob", FieldType.DATE), new FieldSpec("phone", FieldType.PHONE),
                new FieldSpec("city", FieldType.CITY));
        Schema schema = Schema.same(all.header(), f, "all");
        Records recs = Records.prepare(all, "id", schema, true);
        Linker.DedupeResult res = Linker.dedupe(recs, schema, Linker.Options.defaults());
        int[] c = res.clusters();
        int together = 0;
        for (int i = 0; i < 800; i++) if (c[i] == c[2500 + i]) together++;
        assertThat(together).as("variants clustered with their original").isGreaterThan(760);
        assertThat(java.util.Arrays.stream(c).distinct().count()).isBetween(2500L, 2560L);

        // a negative judgement splits a pair the engine would join; a positive one joins two strangers
        Judgements j = new Judgements().negative("a0", "b0").positive("a5", "a6");
        Linker.DedupeResult judged = Linker.dedupe(recs, schema, Linker.Options.defaults().withJudgements(j));
        assertThat(judged.clusters()[0]).isNotEqualTo(judged.clusters()[2500]);
        assertThat(judged.clusters()[5]).isEqualTo(judged.clusters()[6]);
        assertThat(c[5]).isNotEqualTo(c[6]);
    }
}
