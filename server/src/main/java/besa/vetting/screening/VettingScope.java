package besa.vetting.screening;

import besa.access.ReadScope;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intelligence the vetting unit may see, as the screening reads it: handling up to H3, no source
 * an originator restricted to roles other than the vetting officers', and nothing in a case,
 * operation or vetting compartment (the screening is nobody's member). The screening runs as the
 * application, but must not find in intelligence what the unit itself could not open.
 */
final class VettingScope {
    static final String USER = "vetting-screening";

    private VettingScope() {}

    /** Loads the originators' restrictions as {@code DefaultAccessPolicy} does for a vetting officer. */
    static ReadScope load(JdbcClient jdbc) {
        Object[] r = jdbc.sql("""
                select array(select source_id from source_restriction group by source_id having not bool_or(role = 'VETTING_OFFICER') order by 1),
                       array(select h.source_id from (select source_id from source_restriction group by source_id
                                                       having not bool_or(role = 'VETTING_OFFICER')) h
                             where (select true from statement t where t.source_id = h.source_id order by t.source_id, t.record_key limit 1)
                             order by 1)""")
                .query((rs, n) -> new Object[] {rs.getArray(1).getArray(), rs.getArray(2).getArray()}).single();
        List<String> hidden = Arrays.asList((String[]) r[0]);
        List<String> hiddenWithStatements = Arrays.asList((String[]) r[1]);
        return ReadScope.user(USER, 3, hidden, hiddenWithStatements, new long[0], false, false, null);
    }
}
