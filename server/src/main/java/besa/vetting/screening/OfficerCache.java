package besa.vetting.screening;

import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The active officers, kept in memory between incremental runs: loading 13,500 officers with their
 * duty rosters takes longer than the one second an incremental run may take. Reloaded when the
 * register's fingerprint (count and latest change) moves, when told, and for every full run. Used
 * only inside the screening's transaction (system settings).
 */
@Component
class OfficerCache {
    private final PersonnelRegister register;
    private final JdbcClient jdbc;
    private List<Officer> officers;
    private String fingerprint;

    OfficerCache(PersonnelRegister register, JdbcClient jdbc) {
        this.register = register;
        this.jdbc = jdbc;
    }

    /** The active officers, reloaded when the register changed since the last load (or {@code fresh}). */
    synchronized List<Officer> active(boolean fresh) {
        String now = jdbc.sql("select count(*) || '/' || coalesce(max(updated_at)::text, '') || '/' || coalesce(max(imported_at)::text, '') from officer")
                .query(String.class).single();
        if (fresh || officers == null || !now.equals(fingerprint)) {
            officers = register.allActive();
            fingerprint = now;
        }
        return officers;
    }

    synchronized void forget() {
        officers = null;
    }
}
