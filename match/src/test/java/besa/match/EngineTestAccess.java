package besa.match;

import besa.match.data.FieldSpec;
import java.util.List;

/** For ad-hoc diagnostics outside JUnit. */
public final class EngineTestAccess {
    private EngineTestAccess() {}

    public static List<FieldSpec> fields() {
        return EngineTest.FIELDS;
    }
}
