/**
 * Break-glass: an administrator's justified, time-boxed (at most one hour) grant to reach content his
 * role does not, visible to auditors at once and reviewed by them afterwards. It implements
 * {@link besa.access.BreakGlass}, which the access policy asks; it is a module of its own because it
 * records audit events and the audit module already depends on {@code besa.access}.
 */
package besa.breakglass;
