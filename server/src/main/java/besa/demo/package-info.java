/**
 * The demo scenario: a deterministic generator of Albanian organised-crime intelligence with partner
 * renderings and a personnel register, its loader, the demo accounts and the {@code ./besa demo} start-up.
 */
package besa.demo;
