/**
 * Interchange formats for partners (docs/exchange.md, "Formats"): STIX 2.1 bundles for cyber
 * indicators in and out ({@link besa.exchange.format.CyberFormats}), and the signed, self-describing
 * export package with its offline verifier ({@link besa.exchange.format.PackageVerifier}, used by
 * {@code besa verify-package}).
 */
@NamedInterface("format")
package besa.exchange.format;

import org.springframework.modulith.NamedInterface;
