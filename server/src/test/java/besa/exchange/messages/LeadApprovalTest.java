package besa.exchange.messages;

import static org.assertj.core.api.Assertions.assertThat;

import besa.exchange.partner.HandlingCode;
import org.junit.jupiter.api.Test;

/** Who may release a lead package (ADR 0006): not the schedule's owner, a vetting officer, cleared to the highest handling code. */
class LeadApprovalTest {
    @Test
    void theOwnerMayNotReleaseEvenAsAClearedVettingOfficer() {
        assertThat(LeadApproval.refusal("ana", "ana", true, 3, HandlingCode.H1)).get().asString().contains("another vetting officer");
    }

    @Test
    void onlyAVettingOfficerMayRelease() {
        assertThat(LeadApproval.refusal("liaison", "owner", false, 3, HandlingCode.H0)).get().asString().contains("vetting unit");
    }

    @Test
    void theClearanceMustCoverTheHighestHandlingCode() {
        assertThat(LeadApproval.refusal("vetter", "owner", true, 1, HandlingCode.H2)).get().asString().contains("H2").contains("H1");
        assertThat(LeadApproval.refusal("vetter", "owner", true, 0, HandlingCode.H0)).isEmpty();
        assertThat(LeadApproval.refusal("vetter", "owner", true, -1, HandlingCode.H0)).get().asString().contains("none");
    }

    @Test
    void aClearedVettingOfficerWhoIsNotTheOwnerMayRelease() {
        assertThat(LeadApproval.refusal("vetter", "owner", true, 2, HandlingCode.H2)).isEmpty();
        assertThat(LeadApproval.refusal("vetter", "owner", true, 3, HandlingCode.H2)).isEmpty();
    }
}
