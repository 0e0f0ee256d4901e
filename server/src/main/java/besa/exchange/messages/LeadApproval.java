package besa.exchange.messages;

import besa.exchange.partner.HandlingCode;
import java.util.Optional;

/**
 * Who may release a package of vetting leads (docs/adr/0006): a vetting officer (role VETTING_OFFICER, his own
 * vetting clear), not the schedule's owner, cleared to the package's highest handling code. Liaison officers
 * build and schedule such packages; only the vetting unit lets integrity leads about officers leave.
 */
public final class LeadApproval {
    private LeadApproval() {}

    /**
     * Why {@code actor} may not decide a lead package composed in {@code owner}'s name; empty when he may.
     *
     * @param vettingOfficer whether he holds VETTING_OFFICER and may do vetting work now
     * @param clearance      his handling clearance (0..3, negative: none)
     */
    public static Optional<String> refusal(String actor, String owner, boolean vettingOfficer, int clearance, HandlingCode highest) {
        if (actor.equals(owner)) {
            return Optional.of("you own the schedule that built this lead package; another vetting officer decides it");
        }
        if (!vettingOfficer) {
            return Optional.of("integrity leads are released only by the vetting unit: a vetting officer decides this package");
        }
        if (clearance < highest.level()) {
            return Optional.of("the package holds " + highest + " leads, above your clearance (" + (clearance < 0 ? "none" : "H" + clearance) + ")");
        }
        return Optional.empty();
    }
}
