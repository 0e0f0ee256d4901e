/**
 * Integrity vetting ("self-purification"): the personnel register and partners' integrity leads
 * ({@code personnel}, {@code lead}), screening of every officer against all intelligence the vetting
 * unit may see ({@code screening}), alerts with explained factors and the unit's decisions
 * ({@code alert}), case files carried to a human decision ({@code casefile}), the insider watch over the
 * audit trail ({@code insider}), and their pages and REST API ({@code web}).
 *
 * <p>Besa proposes, people decide: nothing here takes an adverse decision by itself. Vetting material
 * is read only through {@link besa.vetting.VettingAccess}: vetting officers whose own vetting is clear,
 * never about themselves; other modules may ask only {@link besa.vetting.Assignability}.
 */
package besa.vetting;
