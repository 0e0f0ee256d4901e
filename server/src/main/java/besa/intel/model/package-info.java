/** Part of the intel module's public API. */
@NamedInterface("model")
package besa.intel.model;

import org.springframework.modulith.NamedInterface;
