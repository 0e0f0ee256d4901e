package besa.vetting.casefile;

import besa.vetting.Assignability;
import besa.vetting.VettingAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Assignability from the case files, as the application itself (the asker is no member of any case):
 * no while a case on the officer is open or his last closed case ended in disciplinary proceedings or
 * a referral to the prosecutor; yes otherwise, also for an officer nobody has heard of, so that the
 * answer never tells a register or a case apart from nothing.
 */
@Service
class CaseAssignability implements Assignability {
    private final VettingAccess access;
    private final JdbcClient jdbc;

    CaseAssignability(VettingAccess access, JdbcClient jdbc) {
        this.access = access;
        this.jdbc = jdbc;
    }

    @Override
    public boolean mayBeAssigned(String officerId) {
        if (officerId == null || officerId.isBlank()) return true;
        return access.system(scope -> jdbc.sql("""
                select not exists (select 1 from vetting_case where officer_id = :o and status = 'OPEN')
                   and coalesce((select outcome not in ('DISCIPLINARY', 'PROSECUTOR') from vetting_case
                                 where officer_id = :o and status = 'CLOSED' order by closed_at desc, id desc limit 1), true)""")
                .param("o", officerId.strip()).query(Boolean.class).single());
    }
}
