/** The database: embedded PostgreSQL or an external one. Public to every module. */
@NamedInterface("db")
package besa.platform.db;

import org.springframework.modulith.NamedInterface;
