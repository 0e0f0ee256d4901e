/**
 * One search box over the intelligence store: query detection (names in any script, phones, IMEIs,
 * identifiers, IBANs, e-mail), ranking with reasons, and the read-side listings the API and pages use.
 */
@NamedInterface("search")
package besa.intel.search;

import org.springframework.modulith.NamedInterface;
