/**
 * What of the vetting unit's leads may cross to the partner exchange, and nothing more: leads at or
 * below a handling code with only the fields a partner may receive ({@link besa.vetting.release.ReleasableLead}),
 * whether the current user may read a set of them (the approver of a lead package), and the entry point
 * that stores leads a partner sent into the row-level-secured lead table ({@link besa.vetting.release.LeadRelease}).
 * Entity ids of our intelligence, officers, alerts and cases never pass through here (docs/adr/0006).
 */
@org.springframework.modulith.NamedInterface("release")
package besa.vetting.release;
