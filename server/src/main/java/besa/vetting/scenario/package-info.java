/**
 * The screening benchmark's data: a deterministic generator of a personnel register, integrity leads
 * and criminal-group intelligence with officers planted in it (and hard cases that must not alert),
 * the ground truth of what screening should find, a fast loader and the quality measure (precision and
 * recall per factor kind). Used by {@code besa bench screening}, the quality test and the demo.
 */
@org.springframework.modulith.NamedInterface("scenario")
package besa.vetting.scenario;
