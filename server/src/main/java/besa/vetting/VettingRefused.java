package besa.vetting;

import besa.access.ReadScope;
import org.springframework.security.access.AccessDeniedException;

/**
 * A user who holds the vetting role but may not do vetting work now (403). Pages and API answer it
 * with {@link #messageKey()}: for SUSPENDED the same neutral text whatever the reason (own vetting
 * not cleared, or the subject of an open vetting case or alert), so the answer does not tell him
 * which; for a missing officer id, which field to have set.
 */
public class VettingRefused extends AccessDeniedException {
    private final ReadScope.VettingBar bar;

    public VettingRefused(ReadScope.VettingBar bar) {
        super(bar == ReadScope.VettingBar.NO_OFFICER_ID
                ? "your account has no officer id (officer_id): vetting work needs one; an administrator must set it"
                : "your vetting access is suspended; contact the head of the unit");
        this.bar = bar;
    }

    public ReadScope.VettingBar bar() {
        return bar;
    }

    /** The message key in the alerts bundle. */
    public String messageKey() {
        return bar == ReadScope.VettingBar.NO_OFFICER_ID ? "alerts.sec.noOfficerId" : "alerts.sec.suspended";
    }
}
