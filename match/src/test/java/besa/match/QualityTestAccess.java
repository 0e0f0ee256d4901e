package besa.match;

import besa.match.data.FieldSpec;
import java.util.List;

/** For ad-hoc diagnostics outside JUnit. */
public final class QualityTestAccess {
    private QualityTestAccess() {}

    public static final List<FieldSpec> F = QualityTest.FEBRL;
}
