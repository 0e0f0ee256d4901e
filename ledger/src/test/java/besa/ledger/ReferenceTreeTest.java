package besa.ledger;

import static besa.ledger.Rfc6962Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The oracle must reproduce the published vectors before it may judge anything else. */
class ReferenceTreeTest {

    @Test
    void oracleReproducesPublishedVectors() {
        for (int n = 0; n <= 8; n++) {
            assertThat(ReferenceTree.mth(Rfc6962Vectors.LEAVES.subList(0, n))).isEqualTo(hex(Rfc6962Vectors.ROOT[n]));
        }
        for (Rfc6962Vectors.Inclusion v : Rfc6962Vectors.INCLUSION) {
            assertThat(ReferenceTree.path((int) v.index(), Rfc6962Vectors.LEAVES.subList(0, (int) v.size())))
                    .usingElementComparator(Arrays::compare).containsExactlyElementsOf(v.path());
        }
        for (Rfc6962Vectors.Consistency v : Rfc6962Vectors.CONSISTENCY) {
            if (v.first() < v.second()) {
                assertThat(ReferenceTree.proof((int) v.first(), Rfc6962Vectors.LEAVES.subList(0, (int) v.second())))
                        .usingElementComparator(Arrays::compare).containsExactlyElementsOf(v.path());
            }
        }
    }
}
