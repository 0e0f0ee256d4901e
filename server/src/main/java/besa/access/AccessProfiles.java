package besa.access;

import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The policy's attributes of accounts and sources: handling clearance, vetting status, the officer an
 * account is, and the originators' role restrictions. Callers authorise and audit the change.
 */
@Service
public class AccessProfiles {
    private final JdbcClient jdbc;

    public AccessProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Highest handling level (0..3) the account may read; null returns it to its roles' default. */
    public void setClearance(String username, Integer level) {
        if (level != null && (level < 0 || level > 3)) throw new IllegalArgumentException("clearance must be 0 to 3 (H0..H3), not " + level);
        account(jdbc.sql("update app_user set clearance = ? where username = ?").params(level, username).update(), username);
    }

    public void setVettingStatus(String username, VettingStatus status) {
        account(jdbc.sql("update app_user set vetting_status = ? where username = ?").params(status.name(), username).update(), username);
    }

    /** Links the account to the officer it is (personnel id or entity id), for subject protection. */
    public void linkOfficer(String username, String officerId) {
        account(jdbc.sql("update app_user set officer_id = ? where username = ?").params(officerId, username).update(), username);
    }

    /** Restricts a source's material to holders of these roles; an empty set lifts the restriction. */
    @org.springframework.transaction.annotation.Transactional
    public void restrictSource(String sourceId, Set<Role> roles) {
        jdbc.sql("delete from source_restriction where source_id = ?").param(sourceId).update();
        for (Role r : roles) {
            jdbc.sql("insert into source_restriction (source_id, role) values (?, ?)").params(sourceId, r.name()).update();
        }
    }

    private static void account(int updated, String username) {
        if (updated == 0) throw new IllegalArgumentException("there is no account '" + username + "'");
    }
}
