package besa.vetting.alert;

import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import besa.vetting.screening.FactorKind;
import besa.vetting.screening.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Officers and alerts for the alert tests, written the way screening writes them: officers through
 * {@link PersonnelRegister#save}, alerts through {@link AlertWriter#merge}, both in the system scope.
 * Evidence follows the shapes the detectors write (docs/vetting.md).
 */
public final class AlertFixtures {
    private final VettingAccess access;
    private final PersonnelRegister register;
    private final AlertWriter writer;

    public AlertFixtures(VettingAccess access, PersonnelRegister register, AlertWriter writer) {
        this.access = access;
        this.register = register;
        this.writer = writer;
    }

    public String officer(String id, String given, String surname, String unit) {
        access.system(s -> {
            register.save(new Officer(id, given, "Petrit", surname, "1984-05-02", unit, "Inspector", true, List.of(), List.of(), List.of()));
            return null;
        });
        return id;
    }

    public AlertWriter.Result merge(String officerId, Finding... findings) {
        return access.system(s -> writer.merge("SCREENING", officerId, null, Set.of(), List.of(findings)));
    }

    /** A run that covered these kinds for the officer: his factors of these kinds not among {@code findings} go inactive. */
    public AlertWriter.Result cover(String officerId, Set<FactorKind> covered, Finding... findings) {
        return access.system(s -> writer.merge("SCREENING", officerId, null, covered, List.of(findings)));
    }

    public long alert(String officerId, Finding... findings) {
        return merge(officerId, findings).alertId();
    }

    public long insider(String username, Finding... findings) {
        return access.system(s -> writer.merge("INSIDER", null, username, Set.of(), List.of(findings))).alertId();
    }

    public static Finding identifier(String officerId, String s, double weight) {
        return Finding.officer(officerId, FactorKind.IDENTIFIER, "IDENTIFIER:PHONE:+35569" + s.hashCode() + ":ph-" + s, weight,
                "Telefoni i punonjësit +355691112223 gjendet në informacion (ph-" + s + ")",
                "The officer's phone +355691112223 appears in intelligence (ph-" + s + ")",
                Map.of("entities", List.of("ph-" + s), "identifier", Map.of("kind", "PHONE", "value", "+355691112223")));
    }

    public static Finding network(String officerId, String s, double weight) {
        return Finding.officer(officerId, FactorKind.NETWORK, "NETWORK:ph-" + s + ":org-" + s, weight,
                "Telefoni i punonjësit komunikon me një anëtar të grupit Grupi-" + s,
                "The officer's phone communicates with a member of the group Grupi-" + s,
                Map.of("entities", List.of("ph-" + s, "ph2-" + s, "p-" + s, "org-" + s),
                        "path", List.of(
                                Map.of("id", "ph-" + s, "type", "Phone", "caption", "+355691112223"),
                                Map.of("id", "ph2-" + s, "type", "Phone", "caption", "+355697778889"),
                                Map.of("id", "p-" + s, "type", "Person", "caption", "Member " + s),
                                Map.of("id", "org-" + s, "type", "Organization", "caption", "Grupi-" + s)),
                        "links", List.of(
                                Map.of("from", "ph-" + s, "to", "ph2-" + s, "type", "Communication"),
                                Map.of("from", "p-" + s, "to", "ph2-" + s, "type", "Uses"),
                                Map.of("from", "p-" + s, "to", "org-" + s, "type", "Membership"))));
    }

    public static Finding colocation(String officerId, String s, double weight) {
        return Finding.officer(officerId, FactorKind.COLOCATION, "COLOCATION:acc-" + s, weight,
                "Kriptotelefoni acc-" + s + " ishte 3 herë pranë punonjësit",
                "Cryptophone acc-" + s + " was near the officer 3 times",
                Map.of("entities", List.of("acc-" + s), "account", "acc-" + s,
                        "events", List.of(
                                Map.of("at", "2026-03-01T08:15:00Z", "place", "Durrës port", "lat", 41.31, "lon", 19.45,
                                        "crypto", "loc-1-" + s, "officer", "duty", "metres", 120, "minutes", 5),
                                Map.of("at", "2026-03-01T19:40:00Z", "place", "Durrës port", "lat", 41.31, "lon", 19.45,
                                        "crypto", "loc-2-" + s, "officer", "rel-2-" + s, "metres", 60, "minutes", 3),
                                Map.of("at", "2026-03-04T12:00:00Z", "place", "Tirana, Blloku", "lat", 41.32, "lon", 19.82,
                                        "crypto", "loc-3-" + s, "officer", "duty", "metres", 200, "minutes", 9))));
    }

    public static Finding insiderFinding(String username, String s, double weight) {
        return new Finding(null, username, FactorKind.INSIDER, "INSIDER:canary:" + s, weight,
                "Përdoruesi kërkoi një të dhënë karremi (" + s + ")", "The user looked up a canary record (" + s + ")",
                Map.of("entities", List.of("canary-" + s), "auditEntries", List.of(12, 13), "rule", "canary"));
    }
}
