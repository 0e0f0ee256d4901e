package besa.vetting.casefile;

import besa.access.AccessProfiles;
import besa.access.Role;
import besa.access.TestAccounts;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import besa.vetting.screening.FactorKind;
import besa.vetting.screening.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Officers, alerts and accounts for the case tests, each with a unique suffix (the database is shared). */
public final class CaseFixture {
    public final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final JdbcClient jdbc;
    private final VettingAccess access;
    private final PersonnelRegister personnel;
    private final AlertWriter alerts;
    private final AccessProfiles profiles;

    public CaseFixture(JdbcClient jdbc, VettingAccess access, PersonnelRegister personnel, AlertWriter alerts, AccessProfiles profiles) {
        this.jdbc = jdbc;
        this.access = access;
        this.personnel = personnel;
        this.alerts = alerts;
        this.profiles = profiles;
    }

    /** An officer of the register; returns his id. */
    public String officer(String prefix, String given, String father, String surname) {
        String id = prefix + "-" + run;
        access.system(s -> {
            personnel.save(new Officer(id, given, father, surname, "1985-03-12", "DVP Tiranë", "Inspektor", true, List.of(), List.of(), List.of()));
            return null;
        });
        return id;
    }

    /** A screening alert about the officer; returns its id. */
    public long alert(String officerId) {
        return access.system(s -> alerts.merge("SCREENING", officerId, null, Set.of(), List.of(Finding.officer(officerId, FactorKind.IDENTIFIER,
                "IDENTIFIER:PHONE:+355691234567:" + officerId, 0.8, "Telefoni i punonjësit në inteligjencë", "The officer's phone in intelligence",
                Map.of("entities", List.of()))))).alertId();
    }

    /** A user name with this run's suffix. */
    public String user(String prefix) {
        return prefix + "-" + run;
    }

    /** A vetting officer account (vetting CLEARED); linked to an officer of the register when {@code officerId} is given. */
    public String vettingOfficer(String name, String officerId) {
        TestAccounts.ensure(jdbc, name, Role.VETTING_OFFICER);
        if (officerId != null) profiles.linkOfficer(name, officerId);
        return name;
    }

    /** Runs {@code work} as {@code username} (the service reads the account from the database, not these authorities). */
    public static <T> T as(String username, Supplier<T> work) {
        var auth = UsernamePasswordAuthenticationToken.authenticated(username, null, List.of(new SimpleGrantedAuthority("ROLE_VETTING_OFFICER")));
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    /** One value as the application itself sees it (row security off), for assertions. */
    public <T> T system(Supplier<T> query) {
        return access.system(s -> query.get());
    }
}
