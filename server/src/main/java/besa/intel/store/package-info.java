/** Part of the intel module's public API. */
@NamedInterface("store")
package besa.intel.store;

import org.springframework.modulith.NamedInterface;
