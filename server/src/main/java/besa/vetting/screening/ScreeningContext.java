package besa.vetting.screening;

import besa.access.ReadScope;
import besa.vetting.personnel.Officer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a detector screens with: the officers (all active ones for a full run, or the changed ones),
 * the intelligence the vetting unit may see ({@code scope}: put its conditions into every query), and
 * the database, inside the screening's transaction.
 */
public record ScreeningContext(List<Officer> officers, ReadScope scope, JdbcClient jdbc) {
    public ScreeningContext {
        officers = List.copyOf(officers);
    }

    public Map<String, Officer> byId() {
        return officers.stream().collect(Collectors.toMap(Officer::id, Function.identity()));
    }
}
