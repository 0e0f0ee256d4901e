package besa.match;

import static org.assertj.core.api.Assertions.assertThat;

import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.FieldType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quality regression on the public FEBRL benchmark: unsupervised linkage of dataset4a × dataset4b. */
class QualityTest {
    static final List<FieldSpec> FEBRL = List.of(
            new FieldSpec("given_name", FieldType.GIVEN_NAME), new FieldSpec("surname", FieldType.SURNAME),
            new FieldSpec("street_number", FieldType.TEXT), new FieldSpec("address_1", FieldType.ADDRESS),
            new FieldSpec("address_2", FieldType.ADDRESS), new FieldSpec("suburb", FieldType.CITY),
            new FieldSpec("postcode", FieldType.POSTCODE), new FieldSpec("state", FieldType.TEXT),
            new FieldSpec("date_of_birth", FieldType.DATE), new FieldSpec("soc_sec_id", FieldType.ID_NUMBER));

    static String entity(String recId) {
        return recId.split("-")[1]; // rec-N-org, rec-N-dup-K
    }

    @Test
    void febrl4LinkageF1AtLeast099WithoutLabels() {
        Path febrl = Fixtures.sharedData().resolve("febrl");
        CsvTable a = CsvTable.read(febrl.resolve("dataset4a.csv")), b = CsvTable.read(febrl.resolve("dataset4b.csv"));
        Schema schema = Schema.link(a.header(), "4a", FEBRL, List.of(), b.header(), "4b", List.of(), s -> { });
        Records ra = Records.prepare(a, "rec_id", schema, true), rb = Records.prepare(b, "rec_id", schema, false);
        Linker.LinkResult res = Linker.link(ra, rb, schema, Linker.Options.defaults());
        long tp = res.pairs().stream().filter(p -> entity(ra.id(p.left())).equals(entity(rb.id(p.right())))).count();
        double f1 = 2.0 * tp / (res.pairs().size() + 5000);
        assertThat(f1).as("F1 (tp=%d, pairs=%d)", tp, res.pairs().size()).isGreaterThanOrEqualTo(0.99);
    }
}
